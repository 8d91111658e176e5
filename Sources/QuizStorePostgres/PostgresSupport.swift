/// Whether this build has the PostgreSQL backend (the `PostgreSQL` package trait).
public enum PostgresSupport {
  #if PostgreSQL
    public static let isAvailable = true
  #else
    public static let isAvailable = false
  #endif
}
