package dev.sluice.sqllite.ast;

/**
 * A parsed SQL data type. Every implementation is an immutable record, hence thread-safe.
 * {@link #toString()} renders Spark's {@code simpleString}, e.g. {@code int},
 * {@code decimal(20,0)}, {@code array<int>}, {@code struct<a:int,b:string>}.
 */
public sealed interface TypeSpec
    permits PrimitiveTypeSpec, DecimalTypeSpec, ArrayTypeSpec, MapTypeSpec, StructTypeSpec,
        IntervalTypeSpec {

  /** Returns Spark's {@code simpleString} rendering of this type. */
  @Override
  String toString();
}
