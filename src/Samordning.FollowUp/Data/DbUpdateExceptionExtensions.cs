using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Samordning.FollowUp.Data;

internal static class DbUpdateExceptionExtensions
{
    /// <summary>True when the database refused the write because of a unique index.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is System.Data.Common.DbException inner && inner.IsUniqueViolation();

    /// <inheritdoc cref="IsUniqueViolation(DbUpdateException)"/>
    public static bool IsUniqueViolation(this System.Data.Common.DbException exception) => exception switch
    {
        SqliteException e => e.SqliteErrorCode == 19 && e.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException e => e.SqlState == PostgresErrorCodes.UniqueViolation,
        SqlException e => e.Number is 2601 or 2627,
        _ => false,
    };
}
