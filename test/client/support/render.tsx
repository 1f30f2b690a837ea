import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { H5Launcher } from '../../../client/src/launch/h5-launcher';
import { createServices, ServicesProvider, type Services } from '../../../client/src/services';
import { BASE_URL } from './bff-stub';

/** Renders `ui` with fresh services talking to the stubbed BFF through the mock `Taro.request`. */
export function renderWithServices(ui: ReactElement, { h5Launcher }: { h5Launcher?: H5Launcher } = {}) {
  const services: Services = createServices({ baseUrl: BASE_URL, h5Launcher });
  return { services, ...render(<ServicesProvider value={services}>{ui}</ServicesProvider>) };
}
