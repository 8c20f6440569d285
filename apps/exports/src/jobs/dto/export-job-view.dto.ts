import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ExportJobRecord } from '../schemas/export-job.schema';

export class ExportJobViewDto {
  @ApiProperty({ example: '0b6f4c1e-8a57-4a57-9d0e-0a4bd1f1c0de' }) id!: string;
  @ApiProperty({ example: '20' }) provinceCode!: string;
  @ApiProperty({ example: 'scorecard' }) kind!: string;
  @ApiProperty({ example: 'xlsx' }) format!: string;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed', 'expired'], example: 'running' }) status!: string;
  @ApiProperty({ example: 42, description: '0–100, never goes down' }) progress!: number;
  @ApiProperty({ example: 'nguyen.van.a' }) requestedBy!: string;
  @ApiProperty({ example: '2026-11-23T08:00:00.000Z' }) createdAt!: string;
  @ApiPropertyOptional({ example: '2026-11-23T08:00:01.000Z' }) startedAt?: string;
  @ApiPropertyOptional({ example: '2026-11-23T08:00:04.000Z' }) finishedAt?: string;
  @ApiPropertyOptional({ example: 30 }) rows?: number;
  @ApiPropertyOptional({ example: 'Bảng điểm Nghị quyết 49-NQ/TU năm 2025 – Lạng Sơn.xlsx' }) fileName?: string;
  @ApiPropertyOptional({ example: 18344 }) size?: number;
  @ApiPropertyOptional({ example: '/api/v1/exports/0b6f4c1e-8a57-4a57-9d0e-0a4bd1f1c0de/file' }) downloadPath?: string;
  @ApiPropertyOptional({ example: '2026-11-30T08:00:04.000Z', description: 'When the file is deleted' }) expiresAt?: string;
  @ApiPropertyOptional({ example: 'no figures have been reported for 2031: nothing to export' }) reason?: string;
  @ApiPropertyOptional({ example: 'chưa có số liệu nào được báo cáo cho năm 2031: không có gì để xuất' }) reasonVi?: string;
}

export function exportJobView(job: ExportJobRecord): ExportJobViewDto {
  const iso = (d?: Date) => (d ? new Date(d).toISOString() : undefined);
  return {
    id: job._id,
    provinceCode: job.provinceCode,
    kind: job.kind,
    format: job.format,
    status: job.status,
    progress: job.progress,
    requestedBy: job.requestedBy,
    createdAt: new Date(job.createdAt).toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    rows: job.rows,
    fileName: job.fileName,
    size: job.size,
    downloadPath: job.status === 'completed' ? `/api/v1/exports/${job._id}/file` : undefined,
    expiresAt: iso(job.expiresAt),
    reason: job.reason,
    reasonVi: job.reasonVi,
  };
}
