/** One jest run, three kinds of test: node (BFF, sandbox, shared), jsdom (Taro components), browser (H5 end-to-end). */

// Every test runs in the viewers' time zone. Not UTC on purpose: CI leaves TZ unset (UTC), where local time and UTC
// agree, so a getUTC*/getHours mix-up (e.g. in the start time words) would pass unseen. Set here, before jest starts
// its workers, so they inherit it.
process.env.TZ = 'Asia/Shanghai';

const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } },
];

module.exports = {
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      roots: [
        '<rootDir>/test/server',
        '<rootDir>/test/shared',
        '<rootDir>/test/sandbox',
        '<rootDir>/test/build',
        '<rootDir>/test/cluster',
      ],
      transform: { '^.+\\.(t|j)sx?$': swc },
    },
    {
      displayName: 'client',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test/client'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      setupFilesAfterEnv: ['<rootDir>/test/client/setup.ts'],
      moduleNameMapper: {
        '^@tarojs/components$': '<rootDir>/test/client/stand-ins/components.tsx',
        '^@tarojs/taro$': '<rootDir>/test/client/stand-ins/taro.ts',
        '\\.(css|scss|less)$': '<rootDir>/test/client/stand-ins/style.ts',
      },
    },
    {
      // The built mini program checked by WeChat's own tools: its compilers, its CI module, its component simulator.
      displayName: 'weapp',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test/weapp'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      // The build's own JS runs as built (and miniprogram-simulate requires it), never through swc.
      transformIgnorePatterns: ['/node_modules/', '/dist/'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/e2e'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      // Jest 30 ignores testTimeout inside a project: each e2e file sets its own with jest.setTimeout.
    },
  ],
};
