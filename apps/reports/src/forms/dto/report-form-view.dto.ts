import { ApiProperty } from '@nestjs/swagger';
import { ReportFormDto } from './report-form.dto';

export class ReportFormViewDto extends ReportFormDto {
  @ApiProperty({ example: '20:CDS-Q' })
  _id!: string;

  @ApiProperty({ description: 'Incremented on every change', example: 3 })
  version!: number;

  @ApiProperty({ example: '2026-01-05T08:00:00.000Z' })
  updatedAt!: Date;

  @ApiProperty({ example: 'user:admin' })
  updatedBy!: string;
}
