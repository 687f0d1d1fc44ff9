using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data;

/// <summary>
/// The service's one database, users included (ASP.NET Core Identity's user tables; roles are a
/// column of the user, one role each, so Identity's role tables are not used), and the Data
/// Protection keys that protect sign-in cookies and tokens, so every instance of the service
/// reads the same key ring.
/// </summary>
public sealed class FollowUpDbContext(DbContextOptions<FollowUpDbContext> options)
    : IdentityUserContext<UserAccount>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Association> Associations => Set<Association>();
    public DbSet<Provider> Providers => Set<Provider>();
    public DbSet<Intervention> Interventions => Set<Intervention>();
    public DbSet<InterventionYearPlan> InterventionYearPlans => Set<InterventionYearPlan>();
    public DbSet<InterventionTertialCount> InterventionTertialCounts => Set<InterventionTertialCount>();
    public DbSet<InterventionChange> InterventionChanges => Set<InterventionChange>();
    public DbSet<Participant> Participants => Set<Participant>();
    public DbSet<Participation> Participations => Set<Participation>();
    public DbSet<TwelveMonthFollowUp> TwelveMonthFollowUps => Set<TwelveMonthFollowUp>();
    public DbSet<FollowUpResult> FollowUpResults => Set<FollowUpResult>();
    public DbSet<ContactAttempt> ContactAttempts => Set<ContactAttempt>();
    public DbSet<FollowUpInvitation> FollowUpInvitations => Set<FollowUpInvitation>();
    public DbSet<FollowUpResultRevision> FollowUpResultRevisions => Set<FollowUpResultRevision>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<IndicatorDefinition> IndicatorDefinitions => Set<IndicatorDefinition>();
    public DbSet<IndicatorResult> IndicatorResults => Set<IndicatorResult>();
    public DbSet<TertialNote> TertialNotes => Set<TertialNote>();
    public DbSet<ReportAdoption> ReportAdoptions => Set<ReportAdoption>();
    public DbSet<ProviderTertialReport> ProviderTertialReports => Set<ProviderTertialReport>();
    public DbSet<ProviderTertialTransition> ProviderTertialTransitions => Set<ProviderTertialTransition>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<JobWatermark> JobWatermarks => Set<JobWatermark>();
    public DbSet<ReportDataChange> ReportDataChanges => Set<ReportDataChange>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<AssociationMember> AssociationMembers => Set<AssociationMember>();
    public DbSet<MemberYear> MemberYears => Set<MemberYear>();
    public DbSet<EconomyYear> EconomyYears => Set<EconomyYear>();
    public DbSet<AdministrationCost> AdministrationCosts => Set<AdministrationCost>();
    public DbSet<InterventionCost> InterventionCosts => Set<InterventionCost>();
    public DbSet<FinancialTarget> FinancialTargets => Set<FinancialTarget>();
    public DbSet<ProgressionInstrument> ProgressionInstruments => Set<ProgressionInstrument>();
    public DbSet<ProgressionMeasurement> ProgressionMeasurements => Set<ProgressionMeasurement>();
    public DbSet<ProgressionScore> ProgressionScores => Set<ProgressionScore>();
    public DbSet<ProgressionResult> ProgressionResults => Set<ProgressionResult>();
    public DbSet<ProgressionFactorChange> ProgressionFactorChanges => Set<ProgressionFactorChange>();


    /// <summary>
    /// The open transaction in which report data was saved: <see cref="ReportDataVersion"/> moves
    /// when it commits (<see cref="ReportDataChangeInterceptor"/>), or has moved inside it (SQLite).
    /// A transaction disposed without commit or rollback leaves it behind, harmlessly: the next
    /// transaction is another object.
    /// </summary>
    internal System.Data.Common.DbTransaction? ReportDataChangedIn { get; set; }

    /// <summary>
    /// How many times report data was written through this context (any lease of it): a data version
    /// read before the last write no longer stands for what this context reads (<c>ReportReadVersion</c>).
    /// </summary>
    internal int ReportDataWrites { get; private set; }

    /// <summary>Something a report reads was written through this context (<see cref="ReportDataVersion"/>).</summary>
    internal void ReportDataWritten(System.Data.Common.DbTransaction? transaction)
    {
        ReportDataWrites++;
        if (transaction is not null)
        {
            ReportDataChangedIn = transaction;
        }
    }

    private SemaphoreSlim? _writeTurn;

    private DatabaseProvider? _provider;

    /// <summary>
    /// The database this context talks to, worked out once per context (a pooled one keeps it: a pool
    /// has one set of options). EF Core's <c>IsSqlite()</c> and its kin compare the provider's name,
    /// which EF Core reads from the provider assembly's metadata on every call: 4–5 % of an intake's
    /// CPU time in a trace, called several times per save.
    /// </summary>
    internal DatabaseProvider Provider => _provider ??=
        Database.IsSqlite() ? DatabaseProvider.Sqlite
        : Database.IsNpgsql() ? DatabaseProvider.PostgreSql
        : DatabaseProvider.SqlServer;

    /// <summary>SQLite: this context's place as the one writer, held while its transaction runs (<see cref="SqliteWriteGate"/>).</summary>
    internal SemaphoreSlim? WriteTurn
    {
        set => _writeTurn = value;
    }

    /// <summary>Gives up this context's turn as SQLite's writer, if it holds one.</summary>
    internal void EndWriteTurn() => Interlocked.Exchange(ref _writeTurn, null)?.Release();

    public override void Dispose()
    {
        EndWriteTurn();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        EndWriteTurn();
        return base.DisposeAsync();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var marks = InspectChanges(out var corrected);
        if (corrected is not null)
        {
            ParticipationGenders.Load(this, corrected);
            marks = InspectChanges(out _, participationsLoaded: true);
        }

        if (marks is not null && Database.CurrentTransaction is null && ReportDataVersion.MovesInTransaction(this))
        {
            using var transaction = Database.BeginTransaction();
            var inTransaction = base.SaveChanges(acceptAllChangesOnSuccess);
            ReportDataVersion.Changed(this, marks);
            transaction.Commit();
            return inTransaction;
        }

        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        if (marks is not null)
        {
            ReportDataVersion.Changed(this, Saved(marks));
        }

        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var marks = InspectChanges(out var corrected);
        if (corrected is not null)
        {
            // A person's gender corrected (rare): their participations are loaded to take it, and looked at again.
            await ParticipationGenders.LoadAsync(this, corrected, cancellationToken);
            marks = InspectChanges(out _, participationsLoaded: true);
        }

        if (marks is not null && Database.CurrentTransaction is null && ReportDataVersion.MovesInTransaction(this))
        {
            // SQLite: the change, its marks and the report data version's move in one commit.
            await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
            var inTransaction = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await ReportDataVersion.ChangedAsync(this, cancellationToken, marks);
            await transaction.CommitAsync(cancellationToken);
            return inTransaction;
        }

        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (marks is not null)
        {
            await ReportDataVersion.ChangedAsync(this, cancellationToken, Saved(marks));
        }

        return saved;
    }

    /// <summary>
    /// One look at the tracked changes before they are saved: the audit log is append-only (no code
    /// path may change or remove a line), each participation carries its person's gender
    /// (<see cref="ParticipationGenders"/>), and whether anything a report reads is among them.
    /// </summary>
    /// <returns>
    /// Null when no report data is among the changes; else the marks they leave
    /// (<see cref="ReportDataChange"/>). On SQLite they are written with the data version's move
    /// (<see cref="ReportDataVersion.ChangedAsync"/>, one statement in the change's transaction); on
    /// PostgreSQL and SQL Server they are added to this save, where EF Core batches them with its
    /// other statements.
    /// </returns>
    /// <param name="corrected">
    /// People whose gender this save corrects, when their participations are not loaded yet: then
    /// nothing else is decided, and the caller loads them and looks again.
    /// </param>
    /// <param name="participationsLoaded">The second look, after the corrected people's participations were loaded.</param>
    private List<ReportDataChange>? InspectChanges(out List<long>? corrected, bool participationsLoaded = false)
    {
        corrected = null;
        HashSet<long?>? touched = null;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEntry && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("The audit log is append-only.");
            }

            Prepare(entry, ref touched);
            if (!participationsLoaded && ParticipationGenders.Corrected(entry) is { } person)
            {
                (corrected ??= []).Add(person);
            }
        }

        if (touched is null || corrected is not null)
        {
            return null;
        }

        var marks = ReportDataMarks.Marks(touched).ToList();
        if (!ReportDataVersion.MovesInTransaction(this))
        {
            ReportDataChanges.AddRange(marks);
        }

        return marks;
    }

    /// <summary>
    /// New rows saved past <c>SaveChanges</c> (<see cref="InsertChain"/>), looked at as
    /// <see cref="InspectChanges"/> looks at a save: a participation takes its person's gender, and
    /// the marks of the report data among them are returned for the caller to write.
    /// </summary>
    internal List<ReportDataChange> InspectNew(IEnumerable<EntityEntry> entries)
    {
        HashSet<long?>? touched = null;
        foreach (var entry in entries)
        {
            Prepare(entry, ref touched);
        }

        return touched is null ? [] : [.. ReportDataMarks.Marks(touched)];
    }

    /// <summary>What every write does with an entry first: its gender copied, and the interventions it touches gathered.</summary>
    private void Prepare(EntityEntry entry, ref HashSet<long?>? touched)
    {
        ParticipationGenders.Copy(entry);
        if (ReportDataVersion.IsReportData(entry))
        {
            ReportDataMarks.Collect(this, entry, touched ??= []);
        }
    }

    /// <summary>
    /// After the save: the marks SQLite still has to write; elsewhere none, and the saved ones are no
    /// longer tracked (a job saving in a loop would otherwise carry every mark it wrote).
    /// </summary>
    private List<ReportDataChange> Saved(List<ReportDataChange> marks)
    {
        if (ReportDataVersion.MovesInTransaction(this))
        {
            return marks;
        }

        foreach (var mark in marks)
        {
            Entry(mark).State = EntityState.Detached;
        }

        return [];
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Code lists are stored as their names so the data reads the same on every provider
        // and survives reordering of the enums.
        // Instants are UTC everywhere; SQLite forgets the kind on the way back, so restore it.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<Gender>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Orientation>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<InterventionCategory>().HaveConversion<string>().HaveMaxLength(48);
        configurationBuilder.Properties<RegistrationMode>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ReferredBy>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<EducationLevel>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<TimeInPublicSupport>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<Occupation>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ExitReason>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<FollowUpStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<FollowUpOutcome>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ContactAttemptOutcome>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<NotificationKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<MeasurementPoint>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<SuccessRule>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<IndicatorPeriodMode>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<IndicatorGender>().HaveConversion<string>().HaveMaxLength(8);
        configurationBuilder.Properties<UserRole>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<InterventionField>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<AuditAction>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<IdentityErasure>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<TertialReportState>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ReferralState>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<DeclineReason>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<MemberKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<AdministrationCategory>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<FinancialTargetKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<FactorDirection>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ProgressionRule>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ProgressionPoint>().HaveConversion<string>().HaveMaxLength(8);
        configurationBuilder.Properties<InvitationKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<FollowUpResultSource>().HaveConversion<string>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(FollowUpDbContext).Assembly);
    }
}

internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
