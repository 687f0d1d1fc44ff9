using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Samordning.FollowUp.Data;

namespace Samordning.FollowUp.Migrations.Sqlite;

/// <summary>Lets `dotnet ef` build the model for this provider without starting the service or a server.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<FollowUpDbContext>
{
    public FollowUpDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<FollowUpDbContext>();
        options.UseFollowUpDatabase(DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new FollowUpDbContext(options.Options);
    }
}
