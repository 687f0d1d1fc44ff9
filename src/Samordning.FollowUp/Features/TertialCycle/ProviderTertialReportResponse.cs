using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Reports;

namespace Samordning.FollowUp.Features.TertialCycle;

/// <summary>One provider's report for one tertial: where it stands, what is still missing, and every step so far.</summary>
public sealed record ProviderTertialReportResponse(
    long AssociationId,
    long ProviderId,
    string ProviderName,
    int Year,
    int Tertial,
    TertialReportState State,
    string StateLabel,
    // The office has adopted (closed) the tertial: nothing in the cycle changes any more.
    bool TertialAdopted,
    // The report's data-quality row of the provider for the tertial alone; the checklist is exactly that row.
    DataQualityRow Checklist,
    int OpenChecklistItems,
    IReadOnlyList<TertialTransitionResponse> History);

/// <summary>One step, oldest first; an attestation carries the provider's figures as they were attested.</summary>
public sealed record TertialTransitionResponse(
    long Id,
    DateTime AtUtc,
    string ByName,
    UserRole? ByRole,
    TertialReportState From,
    TertialReportState To,
    string? Remark,
    AttestedFigures? AttestedFigures);

/// <summary>What the provider attested: its interventions' rows of the report (the tertial alone) and its checklist at that moment.</summary>
public sealed record AttestedFigures(IReadOnlyList<ReportRow> Interventions, DataQualityRow Checklist);
