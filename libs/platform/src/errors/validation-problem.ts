import { ValidationError } from '@nestjs/common';
import { FieldProblem, ProblemException, refusal } from './problem';

/** Vietnamese text for the class-validator constraints the DTOs use; English comes from the library. */
const VI: Record<string, string> = {
  isString: 'phải là chuỗi ký tự',
  isNotEmpty: 'không được để trống',
  isNumber: 'phải là số',
  isInt: 'phải là số nguyên',
  isBoolean: 'phải là đúng/sai',
  isArray: 'phải là danh sách',
  arrayNotEmpty: 'phải có ít nhất một phần tử',
  arrayMinSize: 'có quá ít phần tử',
  arrayMaxSize: 'có quá nhiều phần tử',
  min: 'nhỏ hơn giá trị cho phép',
  max: 'lớn hơn giá trị cho phép',
  matches: 'không đúng định dạng',
  isDefined: 'là bắt buộc',
  whitelistValidation: 'không được phép có trường này',
  maxLength: 'quá dài',
  isEnum: 'không thuộc các giá trị cho phép',
};

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? (/^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : `${prefix}.${error.property}`) : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message,
      messageVi: `${field}: ${VI[constraint] ?? 'không hợp lệ'}`,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** ValidationPipe's exceptionFactory: every invalid field named, in English and Vietnamese. */
export function validationProblem(errors: ValidationError[]): ProblemException {
  const fields = flattenValidationErrors(errors);
  return refusal(400, 'validation', `${fields.length} field(s) are invalid: ${[...new Set(fields.map((f) => f.field))].join(', ')}`, `${fields.length} trường không hợp lệ`, fields);
}
