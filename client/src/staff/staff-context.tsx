import { createContext, useContext } from 'react';
import type { StaffMe } from '../../../shared/staff-api';
import type { StaffApi } from './staff-api-client';

/** What every page of the console needs: the API, who is signed in, and the clock (tests may hold it still). */
export interface StaffContextValue {
  api: StaffApi;
  me: StaffMe;
  now: () => number;
}

export const StaffContext = createContext<StaffContextValue | null>(null);

export function useStaff(): StaffContextValue {
  const value = useContext(StaffContext);
  if (!value) throw new Error('useStaff outside the console app');
  return value;
}
