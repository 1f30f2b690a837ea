import { useState } from 'react';
import type { LiveType } from '../../../../shared/live-card';
import { LIVING_CREATE_TEXT_LIMITS, characterCount } from '../../../../shared/live-text-limits';
import { DURATION_MAX_MINUTES, REMIND_OPTIONS, type LiveFormErrors, type LiveFormValues } from '../live-form-rules';
import { LIVE_TYPE_OPTIONS } from '../live-type-labels';
import { routeHref } from '../router';
import { describeError } from '../error-messages';
import { isOutcomeUnknown } from '../staff-api-client';
import { FormField } from './form-field';
import { Link } from './link';

export interface LiveFormProps {
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

/**
 * The create / modify form: the fields, their errors, the BFF's refusal, and after a create that may have gone
 * through, the lock that keeps a second click from reserving a second live. What it checks and sends is the page's
 * (`onSubmit`), by the rules in `live-form-rules.ts`.
 */
export function LiveForm({
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
        <FormField label="主播账号" error={errors.anchorUserId} hint="主播的企业微信账号（userid），须在应用可见范围内">
          <input
            name="anchorUserId"
            value={values.anchorUserId}
            disabled={anchorFixed}
            onChange={(e) => set('anchorUserId')(e.target.value)}
            autoComplete="off"
          />
        </FormField>
        <FormField
          label="直播主题"
          error={errors.theme}
          hint={`${characterCount(values.theme.trim())}/${LIVING_CREATE_TEXT_LIMITS.theme.max}`}
        >
          <input name="theme" value={values.theme} onChange={(e) => set('theme')(e.target.value)} />
        </FormField>
        <div className="form__row">
          <FormField label="开播时间" error={errors.startsAt}>
            <input
              name="startsAt"
              type="datetime-local"
              value={values.startsAt}
              onChange={(e) => set('startsAt')(e.target.value)}
            />
          </FormField>
          <FormField label="时长（分钟）" error={errors.durationMinutes}>
            <input
              name="durationMinutes"
              type="number"
              min={1}
              max={DURATION_MAX_MINUTES}
              step={1}
              value={values.durationMinutes}
              onChange={(e) => set('durationMinutes')(e.target.value)}
            />
          </FormField>
        </div>
        <div className="form__row">
          <FormField label="直播类型" error={errors.type}>
            <select name="type" value={values.type} onChange={(e) => set('type')(e.target.value as LiveType)}>
              {LIVE_TYPE_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="开播提醒" error={errors.remindSecondsBefore}>
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
          </FormField>
        </div>
        <FormField
          label="直播简介（选填）"
          error={errors.description}
          hint={`${characterCount(values.description.trim())}/${LIVING_CREATE_TEXT_LIMITS.description.max}`}
        >
          <textarea
            name="description"
            rows={3}
            value={values.description}
            onChange={(e) => set('description')(e.target.value)}
          />
        </FormField>
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
