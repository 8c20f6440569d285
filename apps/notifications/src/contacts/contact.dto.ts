import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';

export class WebhookEndpointDto {
  @ApiProperty({
    example: 'https://egov.langson.gov.vn/hooks/dtp',
    description:
      'Receives a JSON POST per notice. http(s), without user name or password; its host must resolve to public addresses only ' +
      '(not loopback, private, link-local, shared or reserved ranges) unless WEBHOOK_ALLOWED_HOSTS names it: checked on save (422) and before every call. Redirects are not followed.',
  })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiProperty({ example: 'a-long-shared-secret-for-hmac', description: 'Shared secret for the X-DTP-Signature HMAC-SHA256; at least 16 characters' })
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  secret!: string;
}

export class ContactDto {
  @ApiPropertyOptional({ example: 'Văn phòng UBND huyện Tràng Định' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiProperty({ type: [String], example: ['vanphong.trangdinh@langson.gov.vn'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsEmail({}, { each: true })
  emails!: string[];

  @ApiPropertyOptional({ type: WebhookEndpointDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => WebhookEndpointDto)
  webhook?: WebhookEndpointDto;

  @ApiPropertyOptional({ example: false, description: 'One e-mail a day listing every pending report' })
  @IsOptional()
  @IsBoolean()
  digest?: boolean;
}

export class ContactViewDto {
  @ApiProperty({ example: '20:unit:180' })
  id!: string;

  @ApiProperty({ enum: ['unit', 'standing-agency'] })
  role!: string;

  @ApiPropertyOptional({ example: '180' })
  unitCode?: string;

  @ApiPropertyOptional()
  name?: string;

  @ApiProperty({ type: [String] })
  emails!: string[];

  @ApiPropertyOptional({ example: 'https://egov.langson.gov.vn/hooks/dtp', description: 'The secret is never shown' })
  webhookUrl?: string;

  @ApiProperty()
  digest!: boolean;
}
