/** The fixed words of the viewer pages, which the app and the BFF's first screen both write. */
export const HOME_WORDS = { title: '精选直播', subtitle: '正在直播、即将开始和精彩回放' } as const;

export const LIVE_PAGE_WORDS = { descriptionTitle: '直播简介', more: '查看更多直播' } as const;
