import { LiveForm } from '../components/live-form';
import { checkLiveForm, emptyLiveForm } from '../live-form-rules';
import { navigate, routeHref } from '../router';
import { useStaff } from '../staff-context';

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
