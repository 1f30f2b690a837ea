import { buildWatchPath } from '../../shared/watch-path';

describe('buildWatchPath', () => {
  it.each([
    ['abcdef', {}, 'pages/watch/index?living_code=abcdef'],
    ['abcdef', { replay: true }, 'pages/watch/index?living_code=abcdef&replay=1'],
    ['a+b/c=', {}, 'pages/watch/index?living_code=a%2Bb%2Fc%3D'],
    ['a+b/c==', { replay: true }, 'pages/watch/index?living_code=a%2Bb%2Fc%3D%3D&replay=1'],
    ['x&replay=0#y', {}, 'pages/watch/index?living_code=x%26replay%3D0%23y'],
    ['abc', { htmlSuffix: true }, 'pages/watch/index.html?living_code=abc'],
  ])('%p with %j → %p', (code, options, expected) => {
    expect(buildWatchPath(code, options)).toBe(expected);
  });

  it('round-trips any code through the query string', () => {
    const code = 'Zm9v+YmFy/YmF6==';
    const query = new URLSearchParams(buildWatchPath(code).split('?')[1]);
    expect(query.get('living_code')).toBe(code);
  });
});
