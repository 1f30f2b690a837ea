import type { StaffLive } from '../../../../shared/staff-api';
import { Link } from '../components/link';
import { LiveForm } from '../components/live-form';
import { Empty, ErrorState, Loading } from '../components/state-views';
import { changesFrom, checkLiveForm, liveFormFrom } from '../live-form-rules';
import { navigate, routeHref } from '../router';
import { useStaff } from '../staff-context';
import { useRequest } from '../use-request';

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
