import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, IsArray, IsDateString, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, Role } from '../principal';

const CODE = /^[A-Za-z0-9_-]{1,64}$/;
export const USERNAME = /^[a-z0-9._-]{3,64}$/;

export class TokenRequestDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @MaxLength(64)
  username!: string;

  @ApiProperty({ example: 'a long passphrase' })
  @IsString()
  @MaxLength(256)
  password!: string;
}

export class TokenResponseDto {
  @ApiProperty({ description: 'Send as Authorization: Bearer <accessToken>', example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.…' })
  accessToken!: string;

  @ApiProperty({ example: 3600 })
  expiresIn!: number;
}

export class IssueApiKeyDto {
  @ApiProperty({ description: 'Province code', example: '20' })
  @Matches(CODE)
  provinceCode!: string;

  @ApiProperty({ description: 'The unit the key speaks for', example: '178' })
  @Matches(CODE)
  unitCode!: string;

  @ApiProperty({ description: 'When the key stops working (ISO 8601)', example: '2027-12-31T16:59:59Z' })
  @IsDateString({ strict: true })
  expiresAt!: string;
}

export class RotateApiKeyDto {
  @ApiProperty({ description: 'When the new key stops working', example: '2027-12-31T16:59:59Z' })
  @IsDateString({ strict: true })
  expiresAt!: string;
}

export class IssuedKeyDto {
  @ApiProperty({ example: '9f1c2a7b3d4e5f60' })
  id!: string;

  @ApiProperty({ description: 'The key itself, shown once: only its hash is kept', example: 'dtp_9f1c2a7b3d4e5f60_…' })
  key!: string;

  @ApiProperty({ example: '20' })
  provinceCode!: string;

  @ApiProperty({ example: '178' })
  unitCode!: string;

  @ApiProperty({ example: '2027-12-31T16:59:59.000Z' })
  expiresAt!: Date;
}

export class CreateUserDto {
  @ApiProperty({ example: 'nguyen.van.a' })
  @Matches(USERNAME, { message: 'username: 3–64 of a-z 0-9 . _ -' })
  username!: string;

  @ApiProperty({ description: 'At least 12 characters', example: 'correct horse battery staple' })
  @IsString()
  @MinLength(12)
  @MaxLength(256)
  password!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['reviewer'] })
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiProperty({ example: '20' })
  @Matches(CODE)
  provinceCode!: string;

  @ApiPropertyOptional({ description: 'For a unit officer: the unit they report for', example: '178' })
  @IsOptional()
  @Matches(CODE)
  unitCode?: string;
}

export class UserViewDto {
  @ApiProperty({ example: 'nguyen.van.a' })
  _id!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['reviewer'] })
  roles!: Role[];

  @ApiProperty({ example: '20' })
  provinceCode!: string;

  @ApiProperty({ nullable: true, type: String, example: null })
  unitCode!: string | null;

  @ApiProperty({ example: '2026-01-05T08:00:00.000Z' })
  createdAt!: Date;
}

export class ApiKeyViewDto {
  @ApiProperty({ example: '9f1c2a7b3d4e5f60' })
  _id!: string;

  @ApiProperty({ example: '20' })
  provinceCode!: string;

  @ApiProperty({ example: '178' })
  unitCode!: string;

  @ApiProperty({ example: '2027-12-31T16:59:59.000Z' })
  expiresAt!: Date;

  @ApiProperty({ nullable: true, type: Date, example: null })
  revokedAt!: Date | null;

  @ApiProperty({ nullable: true, type: String, description: 'The key that replaced it in a rotation', example: null })
  replacedBy!: string | null;

  @ApiProperty({ example: '2026-01-05T08:00:00.000Z' })
  createdAt!: Date;

  @ApiProperty({ example: 'user:admin' })
  createdBy!: string;
}
