import { HOME_PAGE, LIVE_PAGE } from '../../shared/paths';

export default defineAppConfig({
  // Taro's page list has no leading slash; the first page is the one the mini program opens.
  pages: [HOME_PAGE, LIVE_PAGE].map((page) => page.slice(1)),
  window: {
    navigationBarTitleText: '直播',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f4f5f7',
    backgroundTextStyle: 'dark',
  },
});
