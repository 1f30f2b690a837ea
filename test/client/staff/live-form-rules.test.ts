import type { StaffLive } from '../../../shared/staff-api';
import {
  changesFrom,
  checkLiveForm,
  emptyLiveForm,
  liveFormFrom,
  type LiveFormValues,
} from '../../../client/src/staff/live-form-rules';
import { NOW, VALID_LIVE_FORM as valid } from './valid-live-form';

describe('the create / modify form', () => {
  it('turns valid input into the request the BFF takes', () => {
    expect(checkLiveForm(valid, NOW)).toEqual({
      ok: true,
      request: {
        anchorUserId: 'lifang',
        theme: '冬季新品预告会',
        startsAt: '2026-12-03T11:30:00.000Z',
        durationSeconds: 5400,
        type: 'event',
        description: '新品抢先看',
        remindSecondsBefore: 900,
      },
    });
  });

  it('leaves out an empty description and "no reminder", and trims', () => {
    const checked = checkLiveForm(
      { ...valid, theme: '  周会  ', description: '   ', remindSecondsBefore: '', anchorUserId: ' lifang ' },
      NOW,
    );
    expect(checked.ok && checked.request).toEqual({
      anchorUserId: 'lifang',
      theme: '周会',
      startsAt: '2026-12-03T11:30:00.000Z',
      durationSeconds: 5400,
      type: 'event',
    });
  });

  it.each<[Partial<LiveFormValues>, keyof LiveFormValues, string]>([
    [{ theme: '' }, 'theme', '请填写直播主题'],
    [{ theme: '一二三四五六七八九十一二三四五六七八九十一' }, 'theme', '主题最多 20 个字，现在 21 个'],
    [{ theme: '🎉'.repeat(16) }, 'theme', '主题最多 60 字节（汉字算 3 字节，表情符号算 4 字节），现在 64 字节'],
    [{ description: '字'.repeat(101) }, 'description', '简介最多 100 个字，现在 101 个'],
    [
      { description: `${'字'.repeat(90)}${'🎉'.repeat(10)}` },
      'description',
      '简介最多 300 字节（汉字算 3 字节，表情符号算 4 字节），现在 310 字节',
    ],
    [{ startsAt: '' }, 'startsAt', '请选择开播时间'],
    [{ startsAt: '2026-12-02T11:59' }, 'startsAt', '开播时间要在现在之后'],
    [{ durationMinutes: '0' }, 'durationMinutes', '时长填 1 到 1440 分钟的整数'],
    [{ durationMinutes: '1.5' }, 'durationMinutes', '时长填 1 到 1440 分钟的整数'],
    [{ durationMinutes: '1441' }, 'durationMinutes', '时长填 1 到 1440 分钟的整数'],
    [{ anchorUserId: '' }, 'anchorUserId', '请填写主播的企业微信账号（字母、数字、_ - . @）'],
    [{ anchorUserId: '李芳' }, 'anchorUserId', '请填写主播的企业微信账号（字母、数字、_ - . @）'],
    [{ type: 'concert' as never }, 'type', '请选择直播类型'],
  ])('refuses %j: %s says %s', (change, field, message) => {
    const checked = checkLiveForm({ ...valid, ...change }, NOW);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.errors).toEqual({ [field]: message });
  });

  it('counts characters as people do: 20 with an emoji is still 20', () => {
    expect(checkLiveForm({ ...valid, theme: `${'a'.repeat(19)}🎉` }, NOW).ok).toBe(true);
    expect(checkLiveForm({ ...valid, theme: '一'.repeat(20) }, NOW).ok).toBe(true);
  });

  it('holds the bytes too (living/modify counts 60): 19 Chinese characters and an emoji are 20 characters, 61 bytes', () => {
    // Before the limits were shared the form let this through, and the BFF refused it in English.
    expect(checkLiveForm({ ...valid, theme: `${'一'.repeat(19)}🎉` }, NOW)).toEqual({
      ok: false,
      errors: { theme: '主题最多 60 字节（汉字算 3 字节，表情符号算 4 字节），现在 61 字节' },
    });
  });

  it('takes a WeCom userid with . and @, as WeCom and the BFF do', () => {
    const checked = checkLiveForm({ ...valid, anchorUserId: 'liu.yang@hq' }, NOW);
    expect(checked.ok && checked.request.anchorUserId).toBe('liu.yang@hq');
  });

  it('starts a new live tomorrow at a whole hour, with the signed-in member as anchor', () => {
    const form = emptyLiveForm('lifang', NOW);
    expect(form).toMatchObject({ anchorUserId: 'lifang', startsAt: '2026-12-03T12:00', durationMinutes: '60' });
    expect(checkLiveForm({ ...form, theme: '周会' }, NOW).ok).toBe(true);
  });
});

describe('modifying a live sends only what changed', () => {
  const live = {
    livingId: 'lv1',
    theme: '周会',
    description: '',
    status: 'reserved',
    type: 'general',
    anchorUserId: 'lifang',
    startsAt: '2026-12-03T11:30:20.000Z',
    durationSeconds: 3600,
    createdByApp: true,
  } as StaffLive;

  it('an untouched form changes nothing (seconds in the start are not a change)', () => {
    const checked = checkLiveForm(liveFormFrom(live), NOW);
    expect(checked.ok && changesFrom(live, checked.request)).toEqual({});
  });

  it('a new theme, start, description and reminder', () => {
    const form = {
      ...liveFormFrom(live),
      theme: '产品周会',
      startsAt: '2026-12-03T20:00',
      description: '议程见群公告',
      remindSecondsBefore: '300',
    };
    const checked = checkLiveForm(form, NOW);
    expect(checked.ok && changesFrom(live, checked.request)).toEqual({
      theme: '产品周会',
      startsAt: '2026-12-03T12:00:00.000Z',
      description: '议程见群公告',
      remindSecondsBefore: 300,
    });
  });

  it('a reserved live whose planned start just passed can still get a new theme; a new start must be ahead', () => {
    const later = Date.parse(live.startsAt) + 5 * 60_000;
    const renamed = { ...liveFormFrom(live), theme: '产品周会' };
    const checked = checkLiveForm(renamed, later, { plannedStartsAt: live.startsAt });
    expect(checked.ok && changesFrom(live, checked.request)).toEqual({ theme: '产品周会' });

    const moved = checkLiveForm({ ...renamed, startsAt: '2026-12-03T19:31' }, later, {
      plannedStartsAt: live.startsAt,
    });
    expect(moved).toEqual({ ok: false, errors: { startsAt: '开播时间要在现在之后' } });
    // Creating, the start is always checked.
    expect(checkLiveForm(renamed, later).ok).toBe(false);
  });
});
