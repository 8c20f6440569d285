import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ReportedValueDto } from './submit-report.dto';

export class RevisionDto {
  @ApiProperty({ example: 2 })
  revision!: number;

  @ApiProperty({ enum: ['save-draft', 'submit', 'return', 'approve', 'correct'], example: 'submit' })
  action!: string;

  @ApiProperty({ enum: ['draft', 'submitted', 'returned', 'approved'], example: 'submitted' })
  status!: string;

  @ApiProperty({ type: [ReportedValueDto] })
  values!: ReportedValueDto[];

  @ApiPropertyOptional({ description: 'The reason of a return or correction, or a reviewer’s note', example: 'Mẫu số chưa khớp' })
  comment?: string;

  @ApiProperty({ example: '2026-03-10T02:15:00.000Z' })
  changedAt!: Date;

  @ApiProperty({ example: 'key:9f1c2a7b3d4e5f60' })
  changedBy!: string;
}

export class SubmissionViewDto {
  @ApiProperty({ example: '20:178:CDS-Q:2026Q1' })
  _id!: string;

  @ApiProperty({ example: '20' })
  provinceCode!: string;

  @ApiProperty({ example: '178' })
  unitCode!: string;

  @ApiProperty({ example: 'CDS-Q' })
  formCode!: string;

  @ApiProperty({ example: '2026Q1' })
  period!: string;

  @ApiProperty({ enum: ['draft', 'submitted', 'returned', 'approved'], example: 'submitted' })
  status!: string;

  @ApiProperty({ example: 2 })
  revision!: number;

  @ApiProperty({ type: [ReportedValueDto] })
  values!: ReportedValueDto[];

  @ApiProperty({ type: [RevisionDto], description: 'Every revision with the whole state after it' })
  history!: RevisionDto[];

  @ApiProperty({ description: 'Deadline day (Asia/Ho_Chi_Minh)', example: '2026-03-16' })
  deadline!: string;

  @ApiProperty({ nullable: true, type: Date, example: '2026-03-10T02:15:00.000Z' })
  firstSubmittedAt!: Date | null;

  @ApiProperty({ description: 'First submitted after the deadline day', example: false })
  late!: boolean;

  @ApiProperty({ example: '2026-03-10T02:15:00.000Z' })
  updatedAt!: Date;
}
