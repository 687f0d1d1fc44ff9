namespace Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

public sealed record ReferralDto(
    long Id,
    long InterventionId,
    string State,
    DateOnly ReceivedOn,
    string ReferredBy,
    string? ReferringTeam,
    string? PersonalIdentityNumber,
    string Gender,
    int? BirthYear,
    bool IdentityErased,
    DateOnly? AcceptedOn,
    DateOnly? PlannedStartDate,
    DateOnly? DeclinedOn,
    string? DeclineReason,
    DateOnly? WithdrawnOn,
    long? ParticipationId,
    DateOnly? StartDate,
    int? DaysWaiting);

public sealed record ReferralQueueDto(
    long InterventionId, int Received, int Accepted, int Waiting, int? LongestWaitDays, int? Places, int Active, bool Full);

public sealed record ReferralListDto(ReferralQueueDto Queue, PageDto<ReferralDto> Referrals);

public sealed record LongWaitingReferralDto(long InterventionId, string InterventionName, ReferralDto Referral);

public sealed record LongWaitingReferralsDto(int LongWaitDays, IReadOnlyList<LongWaitingReferralDto> Referrals);
