namespace Samordning.FollowUp.Common;

public static class Clock
{
    /// <summary>Swedish time: "today", recurring jobs and timestamps in reports all follow it.</summary>
    public static readonly TimeZoneInfo Sweden = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    /// <summary>Today's calendar date in Sweden, where "a start date in the future" is judged.</summary>
    public static DateOnly Today(this TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Sweden).DateTime);

    /// <summary>The instant (UTC) a Swedish calendar day begins.</summary>
    public static DateTime StartOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Sweden);
}
