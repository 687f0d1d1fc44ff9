using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Samordning.FollowUp.Data;

namespace Samordning.FollowUp.Migrations.PostgreSql;

/// <summary>Lets `dotnet ef` build the model for this provider without starting the service or a server.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<FollowUpDbContext>
{
    public FollowUpDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<FollowUpDbContext>();
        options.UseFollowUpDatabase(DatabaseProvider.PostgreSql, "Host=localhost;Database=followup;Username=postgres");
        return new FollowUpDbContext(options.Options);
    }
}
