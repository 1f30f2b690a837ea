import { useState, type ReactNode } from 'react';
import type { StaffLive } from '../../../../shared/staff-api';
import type { LiveType } from '../../../../shared/live-card';
import { Link } from '../components/link';
import { Empty, ErrorState, Loading } from '../components/state-views';
import {
  DESCRIPTION_MAX,
  DURATION_MAX_MINUTES,
  LIVE_TYPE_OPTIONS,
  REMIND_OPTIONS,
  THEME_MAX,
  changesFrom,
  checkLiveForm,
  emptyLiveForm,
  liveFormFrom,
  type LiveFormErrors,
  type LiveFormValues,
} from '../live-form';
import { navigate, routeHref } from '../router';
import { describeError } from '../error-messages';
import { isOutcomeUnknown } from '../staff-api-client';
import { useStaff } from '../staff-context';
import { useRequest } from '../use-request';

/** `/staff/lives/new`: a manager reserves a live (`living/create`). */
export function CreateLivePage() {
  const { api, me, now } = useStaff();
  return (
    <LiveForm
      title="创建预约直播"
      submitLabel="创建"
      guardsAgainstDuplicates
      initial={emptyLiveForm(me.userId, now())}
      onSubmit={async (values) => {
        const checked = checkLiveForm(values, now());
        if (!checked.ok) return checked.errors;
        const { livingId } = await api.createLive(checked.request);
        // The next thing to do with a new live is to share it.
        navigate(routeHref({ name: 'share', livingId }));
        return undefined;
      }}
    />
  );
}

/** `/staff/lives/:id/edit`: a manager changes a reserved live (`living/modify`); only changed fields are sent. */
export function EditLivePage({ livingId }: { livingId: string }) {
  const { api, now } = useStaff();
  const lives = useRequest(() => api.lives(), `lives`);
  if (lives.status === 'error') return <ErrorState error={lives.error} onRetry={lives.reload} />;
  if (!lives.data) return <Loading />;
  const live: StaffLive | undefined = lives.data.lives.find((l) => l.livingId === livingId);
  if (!live) return <Empty title="找不到这场直播">它不在你能管理的直播里。</Empty>;
  if (!live.createdByApp || live.status !== 'reserved') {
    return (
      <main className="page">
        <h1>修改直播</h1>
        <p className="notice">只能修改本应用创建、尚未开播的直播。「{live.theme}」现在不能修改。</p>
        <Link href={routeHref({ name: 'lives' })}>返回列表</Link>
      </main>
    );
  }
  return (
    <LiveForm
      title="修改直播"
      submitLabel="保存修改"
      anchorFixed
      modify
      initial={liveFormFrom(live)}
      onSubmit={async (values) => {
        const checked = checkLiveForm(values, now(), { plannedStartsAt: live.startsAt });
        if (!checked.ok) return checked.errors;
        const changes = changesFrom(live, checked.request);
        if (Object.keys(changes).length > 0) await api.modifyLive(livingId, changes);
        navigate(routeHref({ name: 'lives' }), { notice: '已保存修改' });
        return undefined;
      }}
    />
  );
}

interface LiveFormProps {
  title: string;
  submitLabel: string;
  initial: LiveFormValues;
  /** The anchor of an existing live cannot change. */
  anchorFixed?: boolean;
  /** Modifying: the reminder select starts at "unchanged". */
  modify?: boolean;
  /**
   * Creating: a failure that may have created the live anyway ({@link isOutcomeUnknown}) locks the button until
   * the person has looked at the list, so a second click does not reserve a second live. (A modify sent twice
   * changes the same fields twice: harmless.)
   */
  guardsAgainstDuplicates?: boolean;
  /** Field errors to show, or undefined when it went through; a thrown error is the BFF refusing. */
  onSubmit: (values: LiveFormValues) => Promise<LiveFormErrors | undefined>;
}

function LiveForm({
  title,
  submitLabel,
  initial,
  anchorFixed,
  modify,
  guardsAgainstDuplicates,
  onSubmit,
}: LiveFormProps) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<LiveFormErrors>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  // Set once a create may have gone through; only the person's tick (the list has no such live) lifts it.
  const [mayExist, setMayExist] = useState(false);
  const [checkedList, setCheckedList] = useState(false);
  const locked = mayExist && !checkedList;
  const set = (field: keyof LiveFormValues) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    // An error describes the value that was checked: once that value changes, it no longer applies.
    setErrors(({ [field]: _checked, ...others }) => others);
  };

  async function submit() {
    if (locked) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const fieldErrors = await onSubmit(values);
      setErrors(fieldErrors ?? {});
    } catch (err) {
      setErrors({});
      setFailure(err);
      // A plain refusal after the tick means nothing was made this time: its own message shows, and the lock lifts.
      setMayExist(Boolean(guardsAgainstDuplicates) && isOutcomeUnknown(err));
      setCheckedList(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="page page--narrow">
      <h1>{title}</h1>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Field label="主播账号" error={errors.anchorUserId} hint="主播的企业微信账号（userid），须在应用可见范围内">
          <input
            name="anchorUserId"
            value={values.anchorUserId}
            disabled={anchorFixed}
            onChange={(e) => set('anchorUserId')(e.target.value)}
            autoComplete="off"
          />
        </Field>
        <Field label="直播主题" error={errors.theme} hint={`${Array.from(values.theme.trim()).length}/${THEME_MAX}`}>
          <input name="theme" value={values.theme} onChange={(e) => set('theme')(e.target.value)} />
        </Field>
        <div className="form__row">
          <Field label="开播时间" error={errors.startsAt}>
            <input
              name="startsAt"
              type="datetime-local"
              value={values.startsAt}
              onChange={(e) => set('startsAt')(e.target.value)}
            />
          </Field>
          <Field label="时长（分钟）" error={errors.durationMinutes}>
            <input
              name="durationMinutes"
              type="number"
              min={1}
              max={DURATION_MAX_MINUTES}
              step={1}
              value={values.durationMinutes}
              onChange={(e) => set('durationMinutes')(e.target.value)}
            />
          </Field>
        </div>
        <div className="form__row">
          <Field label="直播类型" error={errors.type}>
            <select name="type" value={values.type} onChange={(e) => set('type')(e.target.value as LiveType)}>
              {LIVE_TYPE_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </Field>
          <Field label="开播提醒" error={errors.remindSecondsBefore}>
            <select
              name="remindSecondsBefore"
              value={values.remindSecondsBefore}
              onChange={(e) => set('remindSecondsBefore')(e.target.value)}
            >
              {REMIND_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {modify && option.value === '' ? '不修改' : option.label}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field
          label="直播简介（选填）"
          error={errors.description}
          hint={`${Array.from(values.description.trim()).length}/${DESCRIPTION_MAX}`}
        >
          <textarea
            name="description"
            rows={3}
            value={values.description}
            onChange={(e) => set('description')(e.target.value)}
          />
        </Field>
        {failure !== undefined && !mayExist && (
          <p className="form-error" role="alert">
            {describeError(failure)}
          </p>
        )}
        {mayExist && (
          <div className="form-unknown" role="alert">
            <p>
              创建结果未知：这场直播可能已经创建，请先到
              <Link href={routeHref({ name: 'lives' })} target="_blank" rel="noopener">
                直播列表
              </Link>
              查看，确认没有再重新提交。
            </p>
            <label className="form-unknown__ack">
              <input
                type="checkbox"
                name="checkedList"
                checked={checkedList}
                onChange={(event) => setCheckedList(event.target.checked)}
              />
              我已确认直播列表里没有这场直播
            </label>
          </div>
        )}
        <div className="form__actions">
          <Link className="button" href={routeHref({ name: 'lives' })}>
            返回
          </Link>
          <button type="submit" className="button button--primary" disabled={busy || locked}>
            {busy ? '提交中…' : submitLabel}
          </button>
        </div>
      </form>
    </main>
  );
}

function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <label className={`field${error ? ' field--invalid' : ''}`}>
      <span className="field__label">
        {label}
        {hint && <span className="field__hint">{hint}</span>}
      </span>
      {children}
      {error && <span className="field__error">{error}</span>}
    </label>
  );
}
