import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifySendError } from '../../modules/terugkoppeling/index';
import { ConnectorError } from '../errors';
import {
  NOTIFY_API_KEY,
  NOTIFY_SERVICE_ID,
  startNotifyMock,
  type NotifyMock,
} from '../../../test-support/connectors/register-mocks';
import { createNotifyClient, internationaalNummer, parseNotifyApiKey } from './notifynl-connector';

const TEMPLATE = '0b6c8f0e-7a57-4c43-9d2f-3c1a4e5b6d70';
let mock: NotifyMock;
beforeAll(async () => {
  mock = await startNotifyMock();
});
afterAll(() => mock.close());

describe('NotifyNL connector (API v2)', () => {
  it('takes service id and secret from the API key, and refuses a key of another shape', () => {
    expect(parseNotifyApiKey(NOTIFY_API_KEY)?.serviceId).toBe(NOTIFY_SERVICE_ID);
    expect(parseNotifyApiKey('geen-sleutel')).toBeUndefined();
    expect(() => createNotifyClient({ url: mock.url, apiKey: 'kort', timeoutMs: 1000 })).toThrow(
      /KCC_NOTIFY_API_KEY/,
    );
    expect(internationaalNummer('06-12 34 56 78')).toBe('+31612345678');
    expect(internationaalNummer('0031612345678')).toBe('+31612345678');
  });

  it('sends an SMS with a signed JWT, as the published schema describes, and reads its status', async () => {
    const client = createNotifyClient({ url: mock.url, apiKey: NOTIFY_API_KEY, timeoutMs: 5000 });
    const { id } = await client.sendSms({
      phoneNumber: '0612345678',
      templateId: TEMPLATE,
      personalisation: { bericht: 'Uw vraag is afgehandeld.' },
      reference: 'ref-1',
    });
    expect(mock.sms).toEqual([
      {
        id,
        phone_number: '+31612345678',
        template_id: TEMPLATE,
        personalisation: { bericht: 'Uw vraag is afgehandeld.' },
        reference: 'ref-1',
      },
    ]);
    expect(await client.status(id)).toBe('delivered');
    expect(mock.violations).toEqual([]);
  });

  it('is refused with a wrong secret (the mock checks the JWT like NotifyNL)', async () => {
    const wrong = NOTIFY_API_KEY.replace(/.{4}$/, '0000');
    const client = createNotifyClient({ url: mock.url, apiKey: wrong, timeoutMs: 5000 });
    const before = mock.violations.length;
    await expect(
      client.sendSms({
        phoneNumber: '0612345678',
        templateId: TEMPLATE,
        personalisation: {},
        reference: 'x',
      }),
    ).rejects.toBeInstanceOf(ConnectorError);
    expect(mock.violations.slice(before)).toEqual([expect.stringContaining('no valid HS256 JWT')]);
    mock.violations.length = before;
  });

  it('retries only what certainly did not go out', () => {
    const fout = (kind: ConnectorError['kind']) =>
      classifySendError(new ConnectorError('notifynl', kind, kind));
    expect(fout('server').opnieuw).toBe(true);
    expect(fout('rate_limited').opnieuw).toBe(true);
    expect(fout('network').opnieuw).toBe(true);
    expect(fout('circuit_open').opnieuw).toBe(true);
    // A timeout may have been accepted: sending again could send it twice.
    expect(fout('timeout').opnieuw).toBe(false);
    expect(fout('bad_request').opnieuw).toBe(false);
    expect(classifySendError(Object.assign(new Error('mailbox full'), { responseCode: 452 })).opnieuw).toBe(
      true,
    );
    expect(classifySendError(Object.assign(new Error('no such user'), { responseCode: 550 })).opnieuw).toBe(
      false,
    );
  });
});
