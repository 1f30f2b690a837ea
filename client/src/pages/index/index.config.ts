export default definePageConfig({
  navigationBarTitleText: '精选直播',
  // Pull-down refresh is a mini program gesture; H5 gets the same list on reload.
  enablePullDownRefresh: process.env.TARO_ENV === 'weapp',
  enableShareAppMessage: true,
});
