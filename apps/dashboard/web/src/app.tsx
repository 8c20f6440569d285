import { useEffect, useMemo, useRef, useState } from 'react';
import { setApiToken, UNAUTHORIZED_EVENT } from './api';
import { I18nContext, Language, translator } from './i18n/i18n';
import { useRoute } from './route';
import { isProvincialOfficial, Session, storedSession, storeSession } from './session';
import { IndicatorView } from './views/indicator-view';
import { LoginView } from './views/login-view';
import { OverviewView } from './views/overview-view';
import { AuditView } from './views/audit-view';
import { ReportingView } from './views/reporting-view';
import { UnitView } from './views/unit-view';

export function App() {
  const [language, setLanguage] = useState<Language>(() => (localStorage.getItem('dtp.language') === 'en' ? 'en' : 'vi'));
  const [session, setSession] = useState<Session | undefined>(() => storedSession());
  const i18n = useMemo(() => translator(language), [language]);
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  setApiToken(session?.token);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = i18n.t('app.title');
    localStorage.setItem('dtp.language', language);
  }, [language, i18n]);
  // A new view moves the focus to its content, as a new page would; the first one leaves it at the top.
  const firstView = useRef(true);
  useEffect(() => {
    if (firstView.current) firstView.current = false;
    else main.current?.focus();
  }, [route.view, route.code]);

  const signIn = (s: Session) => {
    storeSession(s);
    setApiToken(s.token);
    setSession(s);
    window.location.hash = isProvincialOfficial(s) ? '#/overview' : '#/unit';
  };
  const signOut = () => {
    storeSession(undefined);
    setApiToken(undefined);
    setSession(undefined);
  };
  useEffect(() => {
    window.addEventListener(UNAUTHORIZED_EVENT, signOut);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, signOut);
  });
  const provincial = session ? isProvincialOfficial(session) : false;
  const administrator = session ? session.roles.includes('admin') || session.roles.includes('national-admin') : false;
  const view = !session ? (
    <LoginView onSignedIn={signIn} />
  ) : route.view === 'indicator' && route.code ? (
    <IndicatorView session={session} code={route.code} programmeCode={route.params.get('programme') ?? undefined} period={route.params.get('period') ?? undefined} />
  ) : route.view === 'reporting' && provincial ? (
    <ReportingView session={session} />
  ) : route.view === 'audit' && administrator ? (
    <AuditView session={session} />
  ) : route.view === 'unit' || !provincial ? (
    <UnitView session={session} />
  ) : (
    <OverviewView
      session={session}
      selection={{ programme: route.params.get('programme') || undefined, period: route.params.get('period') || undefined }}
      onSelect={(s) => (window.location.hash = `#/overview?programme=${encodeURIComponent(s.programme ?? '')}${s.period ? `&period=${s.period}` : ''}`)}
    />
  );
  const link = (href: string, label: string, active: boolean) => (
    <a href={href} aria-current={active ? 'page' : undefined}>
      {label}
    </a>
  );

  return (
    <I18nContext.Provider value={i18n}>
      <a className="skip" href="#main" onClick={(e) => (e.preventDefault(), main.current?.focus())}>
        {i18n.t('app.skip')}
      </a>
      <header className="top">
        <p className="brand">{i18n.t('app.title')}</p>
        {session && (
          <nav aria-label={i18n.t('nav.label')}>
            {provincial && link('#/overview', i18n.t('nav.overview'), route.view === 'overview' || route.view === 'indicator')}
            {provincial && link('#/reporting', i18n.t('nav.reporting'), route.view === 'reporting')}
            {administrator && link('#/audit', i18n.t('nav.audit'), route.view === 'audit')}
            {session.unitCode && link('#/unit', i18n.t('nav.unit'), route.view === 'unit')}
          </nav>
        )}
        <div className="tools">
          <button type="button" lang={language === 'vi' ? 'en' : 'vi'} title={i18n.t('lang.switchLabel')} onClick={() => setLanguage(language === 'vi' ? 'en' : 'vi')}>
            {i18n.t('lang.switch')}
          </button>
          {session && (
            <>
              <span className="who">{i18n.t('session.signedInAs', { user: session.username })}</span>
              <button type="button" onClick={signOut}>
                {i18n.t('session.signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {view}
      </main>
    </I18nContext.Provider>
  );
}
