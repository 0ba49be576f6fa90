import { useState, type FormEvent } from 'react';
import { Button } from '@/components/Button';
import { ErrorMessage } from '@/components/ErrorMessage';
import { SelectField, TextField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import {
  PROVIDER_NAMES,
  parseAddresses,
  useConnectIntegration,
  useDeliveryStatus,
  useDownloadAs,
  useIntegrations,
  usePush,
  useRemoveIntegration,
  useTestSend,
  type EspTarget,
  type Provider,
} from '../api/delivery';

const PROVIDERS = Object.keys(PROVIDER_NAMES) as Provider[];

/** "Send me a test": hidden when the server has no mail server to send through. */
function TestSend({ campaignId }: { campaignId: string }) {
  const status = useDeliveryStatus();
  const send = useTestSend(campaignId);
  const [to, setTo] = useState('');
  const [images, setImages] = useState<'inline' | 'hosted'>('inline');
  if (!status.data?.test_send_available) return null;
  const addresses = parseAddresses(to);
  const tooMany = addresses.length > 5;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (addresses.length && !tooMany) send.mutate({ to: addresses, images });
  };
  return (
    <form onSubmit={submit} aria-labelledby="test-send-title">
      <h3 id="test-send-title">Send me a test</h3>
      <TextField
        label="Send to"
        hint={`Up to 5 addresses, separated by commas. ${status.data.test_sends_left_today} of ${status.data.test_send_daily_limit} left today.`}
        error={tooMany ? 'At most 5 addresses at a time.' : null}
        value={to}
        onChange={(e) => setTo(e.target.value)}
        type="text"
        autoComplete="email"
      />
      <SelectField label="Images" value={images} onChange={(e) => setImages(e.target.value as 'inline' | 'hosted')}>
        <option value="inline">Inside the e-mail (they show even when the inbox blocks pictures)</option>
        <option value="hosted">Loaded from our server (as the real send will)</option>
      </SelectField>
      <ErrorMessage error={send.error} title="The test e-mail was not sent." />
      {send.isSuccess && (
        <Notice tone="success">
          Sent “{send.data.subject}” to {send.data.accepted.join(', ')}.
          {send.data.refused.length > 0 && ` Refused: ${send.data.refused.join(', ')}.`}
        </Notice>
      )}
      <div className="actions">
        <Button type="submit" busy={send.isPending} disabled={!addresses.length || tooMany}>
          Send me a test
        </Button>
      </div>
    </form>
  );
}

/** The download for one email service: its merge tags in the HTML and text, as a ZIP or an .eml. */
function DownloadFor({ campaignId }: { campaignId: string }) {
  const [esp, setEsp] = useState<EspTarget>('generic');
  const download = useDownloadAs(campaignId);
  return (
    <div>
      <SelectField
        label="I will send it from"
        hint="Puts that service's own unsubscribe and view-in-browser links in the email, with a HOW-TO-SEND.txt."
        value={esp}
        onChange={(e) => setEsp(e.target.value as EspTarget)}
      >
        <option value="generic">Another service (placeholders to replace)</option>
        {PROVIDERS.map((p) => (
          <option key={p} value={p}>
            {PROVIDER_NAMES[p]}
          </option>
        ))}
      </SelectField>
      <ErrorMessage error={download.error} title="The download did not start." />
      {download.isSuccess && <Notice tone="success">Downloaded {download.data}.</Notice>}
      <div className="actions">
        <Button variant="secondary" onClick={() => download.mutate({ format: 'zip', esp })} busy={download.isPending}>
          Download ZIP for this service
        </Button>
        <Button variant="secondary" onClick={() => download.mutate({ format: 'eml', esp })} busy={download.isPending}>
          Download .eml
        </Button>
      </div>
    </div>
  );
}

function ConnectForm() {
  const connect = useConnectIntegration();
  const [provider, setProvider] = useState<Provider>('mailchimp');
  const [key, setKey] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    connect.mutate({ provider, api_key: key.trim() }, { onSuccess: () => setKey('') });
  };
  return (
    <form onSubmit={submit} aria-label="Connect an account">
      <SelectField label="Service" value={provider} onChange={(e) => setProvider(e.target.value as Provider)}>
        {PROVIDERS.map((p) => (
          <option key={p} value={p}>
            {PROVIDER_NAMES[p]}
          </option>
        ))}
      </SelectField>
      <TextField
        label={provider === 'constant_contact' ? 'Access token' : 'API key'}
        hint="Stored encrypted; it is never shown again."
        type="password"
        autoComplete="off"
        value={key}
        onChange={(e) => setKey(e.target.value)}
      />
      <ErrorMessage error={connect.error} title="The account was not connected." />
      <div className="actions">
        <Button type="submit" busy={connect.isPending} disabled={key.trim().length < 8}>
          Connect
        </Button>
      </div>
    </form>
  );
}

/** Connected accounts, each with "Push to …" for this campaign, and connecting or removing one. */
function Push({ campaignId }: { campaignId: string }) {
  const integrations = useIntegrations();
  const push = usePush(campaignId);
  const remove = useRemoveIntegration();
  return (
    <div aria-labelledby="push-title">
      <h3 id="push-title">Email services</h3>
      <ErrorMessage error={integrations.error} onRetry={() => integrations.refetch()} title="Could not load your accounts." />
      {integrations.data?.length === 0 && <p>Connect an account to put this email into it as a template.</p>}
      <ul className="plain-list">
        {integrations.data?.map((i) => (
          <li key={i.id}>
            <strong>{PROVIDER_NAMES[i.provider]}</strong> <span className="hint">key {i.key_hint}</span>{' '}
            <Button onClick={() => push.mutate(i.provider)} busy={push.isPending && push.variables === i.provider}>
              Push to {PROVIDER_NAMES[i.provider]}
            </Button>{' '}
            <Button variant="secondary" onClick={() => remove.mutate(i.id)} busy={remove.isPending && remove.variables === i.id}>
              Remove
            </Button>
          </li>
        ))}
      </ul>
      <ErrorMessage error={push.error} title="The push did not go through." />
      <ErrorMessage error={remove.error} title="The account was not removed." />
      {push.isSuccess && (
        <Notice tone="success">
          {push.data.created ? 'Created' : 'Updated'} the template in {PROVIDER_NAMES[push.data.provider]}.{' '}
          {push.data.url && (
            <a href={push.data.url} target="_blank" rel="noopener noreferrer">
              Open it in {PROVIDER_NAMES[push.data.provider]}
            </a>
          )}
        </Notice>
      )}
      <ConnectForm />
    </div>
  );
}

/** Everything after approval: a test in a real inbox, the .eml, and the email services. */
export function DeliveryPanel({ campaignId }: { campaignId: string }) {
  return (
    <div className="delivery">
      <TestSend campaignId={campaignId} />
      <DownloadFor campaignId={campaignId} />
      <Push campaignId={campaignId} />
    </div>
  );
}
