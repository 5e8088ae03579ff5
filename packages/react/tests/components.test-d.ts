import type { SubmitStatus, TrickleError, VisitPlan } from '@trickle/core'
import type { ComponentType } from 'react'
import { expectTypeOf, test } from 'vitest'
import {
  useFieldController,
  type ConsentProps,
  type FieldProps,
  type FieldValueOf,
  type FormControl,
  type ProgressiveFormApi,
  type TrickleComponents,
  type TrickleProviderProps,
} from '../src/index'

test('the hook returns the plan, the form bound to the session, submit, status and error', () => {
  expectTypeOf<ProgressiveFormApi['plan']>().toEqualTypeOf<VisitPlan>()
  expectTypeOf<ProgressiveFormApi['form']>().toEqualTypeOf<FormControl>()
  expectTypeOf<ProgressiveFormApi['status']>().toEqualTypeOf<SubmitStatus>()
  expectTypeOf<ProgressiveFormApi['error']>().toEqualTypeOf<TrickleError | null>()
  expectTypeOf<ProgressiveFormApi['form']['register']>().toBeCallableWith('values.email')
  expectTypeOf<ProgressiveFormApi['form']['register']>().toBeCallableWith('consents.sales')
})

test('components are typed per slot: a field component cannot stand in for the consent', () => {
  expectTypeOf<TrickleComponents['email']>().toEqualTypeOf<
    ComponentType<FieldProps<'email'>> | ComponentType<FieldProps>
  >()
  expectTypeOf<TrickleComponents['consent']>().toEqualTypeOf<ComponentType<ConsentProps>>()
  expectTypeOf<ComponentType<FieldProps>>().not.toExtend<TrickleComponents['consent']>()
  expectTypeOf<{ radio: ComponentType<FieldProps> }>().toExtend<
    NonNullable<TrickleProviderProps['components']>
  >()
  expectTypeOf<{ radiobox: ComponentType<FieldProps> }>().not.toExtend<
    Required<NonNullable<TrickleProviderProps['components']>>
  >()
})

test('field components are typed per field type', () => {
  expectTypeOf<FieldProps<'select'>['field']['type']>().toEqualTypeOf<'select'>()
  expectTypeOf<FieldValueOf<'select'>>().toEqualTypeOf<string>()
  expectTypeOf<FieldValueOf<'multiselect'>>().toEqualTypeOf<string[]>()
  expectTypeOf<FieldValueOf<'checkbox'>>().toEqualTypeOf<boolean>()
  expectTypeOf<FieldValueOf<'number'>>().toEqualTypeOf<number>()
  // A multiselect adapter cannot stand in for a select, nor the other way round.
  expectTypeOf<ComponentType<FieldProps<'multiselect'>>>().not.toExtend<
    TrickleComponents['select']
  >()
  expectTypeOf<ComponentType<FieldProps<'select'>>>().toExtend<TrickleComponents['select']>()
  // A component for any field type still fits every slot.
  expectTypeOf<ComponentType<FieldProps>>().toExtend<TrickleComponents['multiselect']>()
})

test('a controlled input gets the value of its field type', () => {
  type ValueOf<Type extends FieldProps['field']['type']> = ReturnType<
    typeof useFieldController<Type>
  >['field']['value']
  expectTypeOf<ValueOf<'multiselect'>>().toEqualTypeOf<string[] | undefined>()
  expectTypeOf<ValueOf<'checkbox'>>().toEqualTypeOf<boolean | undefined>()
  expectTypeOf<ValueOf<'select'>>().toEqualTypeOf<string | undefined>()
  expectTypeOf(useFieldController).toBeCallableWith({} as FieldProps<'radio'>)
  expectTypeOf(useFieldController).toBeCallableWith({} as ConsentProps)
})
