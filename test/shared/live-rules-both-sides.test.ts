/**
 * The rules the console's form and the BFF both check (`shared/`): the same inputs through the form's
 * `checkLiveForm` and through the create and modify routes' schemas, with the same verdict on each.
 */
import { checkLiveForm, type LiveFormValues } from '../../client/src/staff/live-form-rules';
import { CreateLiveBodySchema, ModifyLiveBodySchema } from '../../server/http/routes/staff-lives-routes';
import { NOW, VALID_LIVE_FORM as valid } from '../client/staff/valid-live-form';

type Case = [name: string, change: Partial<LiveFormValues>, accepted: boolean];

const CASES: Case[] = [
  ['a plain live', {}, true],
  ['an anchor whose userid holds @ and .', { anchorUserId: 'liu.yang@hq' }, true],
  ['an anchor of 64 characters', { anchorUserId: 'a'.repeat(64) }, true],
  ['an anchor of 65 characters', { anchorUserId: 'a'.repeat(65) }, false],
  ['an anchor in Chinese', { anchorUserId: '李芳' }, false],
  ['an anchor with a space', { anchorUserId: 'li fang' }, false],
  ['an anchor with a slash', { anchorUserId: 'li/fang' }, false],
  ['a theme of 20 Chinese characters (60 bytes)', { theme: '一'.repeat(20) }, true],
  ['a theme of 21 Chinese characters', { theme: '一'.repeat(21) }, false],
  ['a theme of 21 letters', { theme: 'a'.repeat(21) }, false],
  ['a theme of 15 emoji (60 bytes)', { theme: '🎉'.repeat(15) }, true],
  ['a theme of 16 emoji (16 characters, 64 bytes)', { theme: '🎉'.repeat(16) }, false],
  ['a theme of 19 Chinese characters and an emoji (61 bytes)', { theme: `${'一'.repeat(19)}🎉` }, false],
  ['a theme of 19 letters and an emoji', { theme: `${'a'.repeat(19)}🎉` }, true],
  ['an empty theme', { theme: '' }, false],
  ['a description of 100 Chinese characters', { description: '字'.repeat(100) }, true],
  ['a description of 101 characters', { description: '字'.repeat(101) }, false],
  [
    'a description of 90 Chinese characters and 10 emoji (310 bytes)',
    { description: `${'字'.repeat(90)}${'🎉'.repeat(10)}` },
    false,
  ],
  ['a description of 75 emoji (300 bytes)', { description: '🎉'.repeat(75) }, true],
  ['a duration of a minute', { durationMinutes: '1' }, true],
  ['a duration of a day', { durationMinutes: '1440' }, true],
  ['a duration of a day and a minute', { durationMinutes: '1441' }, false],
  ['a duration of 0', { durationMinutes: '0' }, false],
  ['a negative duration', { durationMinutes: '-5' }, false],
];

/** The body the console would send for `values`, built by hand so a refused form still has one to try. */
function bodyOf(values: LiveFormValues) {
  return {
    anchorUserId: values.anchorUserId,
    theme: values.theme,
    startsAt: '2026-12-03T11:30:00.000Z',
    durationSeconds: Number(values.durationMinutes) * 60,
    type: values.type,
    ...(values.description ? { description: values.description } : {}),
    remindSecondsBefore: Number(values.remindSecondsBefore),
  };
}

describe('the rules both sides check', () => {
  it.each(CASES)('%s: the same verdict from the console’s form and the BFF', (_name, change, accepted) => {
    const values = { ...valid, ...change };
    const form = checkLiveForm(values, NOW);
    const { anchorUserId, ...changes } = bodyOf(values);
    const verdicts = {
      form: form.ok,
      create: CreateLiveBodySchema.safeParse({ anchorUserId, ...changes }).success,
      // The anchor cannot change: a modify is judged on the other fields.
      modify: 'anchorUserId' in change ? accepted : ModifyLiveBodySchema.safeParse(changes).success,
    };
    expect(verdicts).toEqual({ form: accepted, create: accepted, modify: accepted });
    // What the form sends is exactly what the BFF takes.
    if (form.ok) expect(CreateLiveBodySchema.parse(form.request)).toEqual(form.request);
  });
});
