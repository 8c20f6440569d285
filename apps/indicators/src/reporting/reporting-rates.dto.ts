import { ApiProperty } from '@nestjs/swagger';

export class RatesDto {
  @ApiProperty({ example: 11 }) expected!: number;
  @ApiProperty({ example: 9 }) received!: number;
  @ApiProperty({ example: 7 }) onTime!: number;
  @ApiProperty({ description: 'received / expected', example: 0.818 }) completeness!: number;
  @ApiProperty({ description: 'received on time / expected', example: 0.636 }) timeliness!: number;
}

export class LevelRatesDto extends RatesDto {
  @ApiProperty({ example: 'district' }) level!: string;
}

export class UnitReportingDto {
  @ApiProperty({ example: '180' }) unitCode!: string;
  @ApiProperty({ example: 'Tràng Định' }) name!: string;
  @ApiProperty({ example: 'district' }) level!: string;
  @ApiProperty({ example: true }) received!: boolean;
  @ApiProperty({ example: false }) onTime!: boolean;
}

export class ReportingRatesDto {
  @ApiProperty({ example: '20' }) provinceCode!: string;
  @ApiProperty({ example: 'CDS-Q' }) formCode!: string;
  @ApiProperty({ example: '2024Q1' }) period!: string;
  @ApiProperty({ description: 'The cut-off date: units that exist then owe the report', example: '2024-03-14' }) cutOff!: string;
  @ApiProperty({ type: RatesDto }) province!: RatesDto;
  @ApiProperty({ type: [LevelRatesDto] }) levels!: LevelRatesDto[];
  @ApiProperty({ type: [UnitReportingDto] }) units!: UnitReportingDto[];
}
