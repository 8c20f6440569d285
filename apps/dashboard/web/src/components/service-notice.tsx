import { ApiError, ServiceDownError } from '../api';
import { MessageKey, useI18n } from '../i18n/i18n';

/** Why a part of the page is empty, in words, with a retry: one service down is not the page down. */
export function ServiceNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, language } = useI18n();
  const text =
    error instanceof ServiceDownError
      ? t('service.down', { service: t(`service.${error.service}` as MessageKey) })
      : t('service.error', { reason: error instanceof ApiError ? (language === 'vi' ? error.detailVi : error.detail) : String((error as Error)?.message ?? error) });
  return (
    <div className="notice" role="alert">
      <p>{text}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
