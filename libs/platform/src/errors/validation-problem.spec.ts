import { ValidationError } from '@nestjs/common';
import { ProblemException } from './problem';
import { flattenValidationErrors, validationProblem } from './validation-problem';

const error = (property: string, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError =>
  ({ property, constraints, children }) as ValidationError;

describe('validation problems', () => {
  it('names nested fields with their array index, in English and Vietnamese', () => {
    const errors = [error('values', undefined, [error('0', undefined, [error('numerator', { min: 'numerator must not be less than 0' })])]), error('period', { isNotEmpty: 'period should not be empty' })];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'values[0].numerator', message: 'numerator must not be less than 0', messageVi: 'values[0].numerator: nhỏ hơn giá trị cho phép' },
      { field: 'period', message: 'period should not be empty', messageVi: 'period: không được để trống' },
    ]);
  });

  it('becomes a 400 problem listing the fields', () => {
    const problem = validationProblem([error('period', { isNotEmpty: 'period should not be empty' })]);
    expect(problem).toBeInstanceOf(ProblemException);
    expect((problem as ProblemException).problem).toMatchObject({ status: 400, detail: '1 field(s) are invalid: period', vi: { title: 'Yêu cầu không hợp lệ' } });
  });
});
