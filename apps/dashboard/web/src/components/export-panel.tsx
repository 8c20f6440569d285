import { useEffect, useRef, useState } from 'react';
import { ApiError, download, getJson, postJson } from '../api';
import { useI18n } from '../i18n/i18n';
import { ExportJob } from '../types';

const FORMATS = ['xlsx', 'csv', 'pdf', 'docx'] as const;

/** One button per format; while the file is made a progress bar, then the download starts. */
export function ExportPanel({ request }: { request: Record<string, unknown> }) {
  const { t, language } = useI18n();
  const [job, setJob] = useState<ExportJob & { format: string }>();
  const [error, setError] = useState<string>();
  const timer = useRef<number>(undefined);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const start = async (format: (typeof FORMATS)[number]) => {
    setError(undefined);
    try {
      const created = await postJson<ExportJob>('exports', '/api/v1/exports', { ...request, format });
      setJob({ ...created, format });
      const follow = async () => {
        const current = await getJson<ExportJob>('exports', `/api/v1/exports/${created.id}`);
        setJob({ ...current, format });
        if (current.status === 'completed' && current.downloadPath && current.fileName) await download('exports', current.downloadPath, current.fileName);
        else if (current.status === 'failed') setError(t('export.failed', { reason: (language === 'vi' ? current.reasonVi : current.reason) ?? '' }));
        else timer.current = window.setTimeout(() => void follow().catch(fail), 400);
      };
      await follow();
    } catch (e) {
      fail(e);
    }
  };
  const fail = (e: unknown) => setError(t('export.failed', { reason: e instanceof ApiError ? (language === 'vi' ? e.detailVi : e.detail) : String(e) }));
  const running = job && (job.status === 'queued' || job.status === 'running');

  return (
    <section className="card export" aria-labelledby="export-title">
      <h2 id="export-title">{t('export.title')}</h2>
      <div className="buttons">
        {FORMATS.map((format) => (
          <button key={format} type="button" onClick={() => void start(format)} disabled={running}>
            {t('export.button', { format: format.toUpperCase() })}
          </button>
        ))}
      </div>
      {job && job.status !== 'failed' && (
        <div className="export-progress">
          <label htmlFor="export-progress-bar">{job.status === 'completed' ? t('export.ready', { file: job.fileName ?? '' }) : t('export.running', { format: job.format.toUpperCase() })}</label>
          <progress id="export-progress-bar" max={100} value={job.progress}>
            {job.progress}%
          </progress>
          <span aria-live="polite">{job.progress}%</span>
          {job.status === 'completed' && job.downloadPath && job.fileName && <DownloadAgain path={job.downloadPath} fileName={job.fileName} />}
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function DownloadAgain({ path, fileName }: { path: string; fileName: string }) {
  const { t } = useI18n();
  return (
    <button type="button" className="link" onClick={() => void download('exports', path, fileName)}>
      {t('export.download', { file: fileName })}
    </button>
  );
}
