import {
  answerFromOpenTag,
  answerFromOpenTagError,
  answerFromPrompt,
  answerFromPromptFailure,
} from '../../../client/src/reminder/subscribe-answer';

const T = 'tmpl-remind';
/** The open tag's `success` detail as WeChat words it: JSON of id → JSON of `{status}`. */
const tagDetail = (status: string, id = T) => ({
  errMsg: 'subscribe:ok',
  subscribeDetails: JSON.stringify({ [id]: JSON.stringify({ status }) }),
});

describe('the subscribe prompt’s answer', () => {
  it.each([
    ['accept', 'accept'],
    ['reject', 'reject'],
    ['ban', 'ban'],
    ['filter', 'filter'],
    ['something newer', 'failed'],
  ])('mini program: %s for our template is %s', (value, expected) => {
    expect(answerFromPrompt({ errMsg: 'requestSubscribeMessage:ok', [T]: value }, T)).toBe(expected);
  });

  it('mini program: an answer about another template only is no accept', () => {
    expect(answerFromPrompt({ errMsg: 'requestSubscribeMessage:ok', other: 'accept' }, T)).toBe('failed');
    expect(answerFromPrompt(undefined, T)).toBe('failed');
  });

  it.each([
    [{ errMsg: 'requestSubscribeMessage:fail', errCode: 20004 }, 'off'],
    [{ errMsg: 'requestSubscribeMessage:fail', errCode: '20004' }, 'off'],
    [{ errMsg: 'requestSubscribeMessage:fail', errCode: 10002 }, 'failed'],
    [{ errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.' }, 'failed'],
    [undefined, 'failed'],
  ])('mini program: a failed call %j is %s', (failure, expected) => {
    expect(answerFromPromptFailure(failure)).toBe(expected);
  });

  it.each([
    ['accept', 'accept'],
    ['reject', 'reject'],
    ['cancel', 'reject'],
    ['filter', 'filter'],
    ['unknown', 'failed'],
  ])('H5: the open tag’s success with status %s is %s', (status, expected) => {
    expect(answerFromOpenTag(tagDetail(status), T)).toBe(expected);
  });

  it.each([
    ['an empty detail (some clients)', {}],
    ['no detail', undefined],
    ['details that are not JSON', { subscribeDetails: '{not json' }],
    ['another template accepted', tagDetail('accept', 'other')],
  ])('H5: %s is not taken for an accept', (_, detail) => {
    expect(answerFromOpenTag(detail, T)).toBe('failed');
  });

  it.each([
    [{ errCode: 20004, errMsg: 'subscribe:fail' }, 'off'],
    [{ errCode: 20001, errMsg: 'subscribe:fail' }, 'filter'],
    [{ errCode: 10002, errMsg: 'subscribe:fail' }, 'failed'],
    [{}, 'failed'],
  ])('H5: the open tag’s error %j is %s', (detail, expected) => {
    expect(answerFromOpenTagError(detail)).toBe(expected);
  });
});
