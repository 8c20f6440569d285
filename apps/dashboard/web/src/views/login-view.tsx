import { FormEvent, useState } from 'react';
import { ApiError, postJson, ServiceDownError } from '../api';
import { useI18n } from '../i18n/i18n';
import { Session, sessionOf } from '../session';

export function LoginView({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const { t, language } = useI18n();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      const answer = await postJson<{ accessToken: string }>('reports', '/api/v1/auth/token', { username: form.get('username'), password: form.get('password') });
      onSignedIn(sessionOf(answer.accessToken));
    } catch (e) {
      const reason = e instanceof ApiError ? (language === 'vi' ? e.detailVi : e.detail) : e instanceof ServiceDownError ? t('service.down', { service: t('service.reports') }) : String(e);
      setError(t('login.failed', { reason }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="login" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <p>{t('login.intro')}</p>
      <form onSubmit={submit}>
        <label htmlFor="username">{t('login.username')}</label>
        <input id="username" name="username" autoComplete="username" required />
        <label htmlFor="password">{t('login.password')}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
    </section>
  );
}
