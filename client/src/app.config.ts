export default defineAppConfig({
  pages: ['pages/index/index', 'pages/live/index'],
  window: {
    navigationBarTitleText: '直播',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f4f5f7',
    backgroundTextStyle: 'dark',
  },
});
