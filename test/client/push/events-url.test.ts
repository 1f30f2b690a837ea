import { eventsUrl } from '../../../client/src/push/events-url';
import { eventsUrl as eventsUrlH5 } from '../../../client/src/push/events-url.h5';

describe('events URL', () => {
  it.each([
    ['https://bff.example.com', 'wss://bff.example.com/api/events'],
    ['https://bff.example.com/viewer', 'wss://bff.example.com/viewer/api/events'],
    ['http://localhost:3000', 'ws://localhost:3000/api/events'],
  ])('mini program: %s → %s', (base, url) => {
    expect(eventsUrl(base)).toBe(url);
  });

  it('H5: the page’s own origin when the BFF is same-origin', () => {
    expect(location.origin).toBe('http://localhost');
    expect(eventsUrlH5('')).toBe('ws://localhost/api/events');
  });

  it('H5: an absolute base URL as it is', () => {
    expect(eventsUrlH5('https://bff.example.com')).toBe('wss://bff.example.com/api/events');
  });
});
