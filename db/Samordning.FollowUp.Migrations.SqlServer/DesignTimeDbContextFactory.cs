using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Samordning.FollowUp.Data;

namespace Samordning.FollowUp.Migrations.SqlServer;

/// <summary>Lets `dotnet ef` build the model for this provider without starting the service or a server.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<FollowUpDbContext>
{
    public FollowUpDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<FollowUpDbContext>();
        options.UseFollowUpDatabase(DatabaseProvider.SqlServer, "Server=localhost;Database=FollowUp;TrustServerCertificate=True;Integrated Security=false;User Id=sa;Password=design-time");
        return new FollowUpDbContext(options.Options);
    }
}
