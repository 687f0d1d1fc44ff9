using System.Diagnostics.CodeAnalysis;

namespace Samordning.FollowUp.Domain;

/// <summary>
/// A Swedish personnummer or samordningsnummer (domain.md §8), always held as 12 digits
/// YYYYMMDDNNNC. <see cref="ToString"/> returns <see cref="Masked"/> so the number cannot leak
/// into logs, exception messages or interpolated strings by accident; use <see cref="Value"/>
/// deliberately when the digits are needed (encryption, HMAC).
/// </summary>
public readonly record struct PersonalIdentityNumber
{
    private const int StoredLength = 12;
    private const int CoordinationDayOffset = 60;
    private const int MinCentury = 18;
    private const int MaxCentury = 20;

    private readonly string? _value;

    private PersonalIdentityNumber(string value) => _value = value;

    /// <summary>The 12 digits YYYYMMDDNNNC.</summary>
    public string Value => _value ?? throw Uninitialized();

    /// <summary>Samordningsnummer: the day of month is increased by 60.</summary>
    public bool IsCoordinationNumber => StoredDay(Value) > CoordinationDayOffset;

    public Gender Gender => (Value[10] - '0') % 2 == 1 ? Gender.Man : Gender.Woman;

    /// <summary>For a samordningsnummer this is the "födelsetid" (day − 60), which may differ from the real birth date.</summary>
    public DateOnly BirthDate
    {
        get
        {
            var value = Value;
            var day = StoredDay(value);
            return new DateOnly(BirthYearOf(value), TwoDigits(value, 4), day > CoordinationDayOffset ? day - CoordinationDayOffset : day);
        }
    }

    public int BirthYear => BirthYearOf(Value);

    /// <summary>"YYYYMMDD-****": the first 8 digits as stored (day + 60 kept for a samordningsnummer).</summary>
    public string Masked => string.Concat(Value.AsSpan(0, 8), "-****");

    // The default struct has no number; printing it must not throw (debuggers, logging).
    public override string ToString() => _value is null ? string.Empty : Masked;

    public static bool TryParse([NotNullWhen(true)] string? input, DateOnly today, out PersonalIdentityNumber result) =>
        TryParse(input.AsSpan(), today, out result);

    public static bool TryParse(ReadOnlySpan<char> input, DateOnly today, out PersonalIdentityNumber result)
    {
        var error = TryParseCore(input, today, out result);
        return error == ParseError.None;
    }

    /// <exception cref="FormatException">The message is in Swedish and never contains the input.</exception>
    public static PersonalIdentityNumber Parse(string input, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        var error = TryParseCore(input, today, out var result);
        return error == ParseError.None ? result : throw new FormatException(Message(error));
    }

    /// <summary>
    /// Re-creates a number read back from storage (after decryption). Validates format, date and
    /// check digit, but not "not in the future": that depends on the clock at registration time.
    /// </summary>
    /// <exception cref="FormatException">The message never contains the value.</exception>
    public static PersonalIdentityNumber FromStored(string twelveDigits)
    {
        ArgumentNullException.ThrowIfNull(twelveDigits);
        var error = ValidateStored(twelveDigits);
        return error == ParseError.None
            ? new PersonalIdentityNumber(twelveDigits)
            : throw new FormatException(Message(error));
    }

    private enum ParseError
    {
        None,
        Format,
        Date,
        Future,
        CheckDigit,
        Century,
    }

    private static ParseError TryParseCore(ReadOnlySpan<char> input, DateOnly today, out PersonalIdentityNumber result)
    {
        result = default;
        input = input.Trim();

        // Stack buffer: the only allocation on success is the final 12-character string.
        Span<char> digits = stackalloc char[StoredLength];
        bool hasCentury;
        var aged100OrMore = false;
        switch (input.Length)
        {
            case 12:
                input.CopyTo(digits);
                hasCentury = true;
                break;
            case 13 when input[8] == '-':
                input[..8].CopyTo(digits);
                input[9..].CopyTo(digits[8..]);
                hasCentury = true;
                break;
            case 10:
                input.CopyTo(digits[2..]);
                hasCentury = false;
                break;
            case 11 when input[6] is '-' or '+':
                input[..6].CopyTo(digits[2..]);
                input[7..].CopyTo(digits[8..]);
                hasCentury = false;
                aged100OrMore = input[6] == '+';
                break;
            default:
                return ParseError.Format;
        }

        var firstDigit = hasCentury ? 0 : 2;
        if (digits[firstDigit..].ContainsAnyExceptInRange('0', '9'))
        {
            return ParseError.Format;
        }

        // Only people born 1800–2099 hold a number; "005004112354" is not someone born in year 50.
        // The 10-digit forms derive their century from today and always land inside this range.
        if (hasCentury && TwoDigits(digits, 0) is < MinCentury or > MaxCentury)
        {
            return ParseError.Century;
        }

        if (!hasCentury)
        {
            var year = InferYear(TwoDigits(digits, 2), TwoDigits(digits, 4), RealDay(TwoDigits(digits, 6)), today);
            if (aged100OrMore)
            {
                year -= 100;
            }

            if (year < 1)
            {
                return ParseError.Date;
            }

            digits[0] = (char)('0' + year / 1000);
            digits[1] = (char)('0' + year / 100 % 10);
        }

        var error = ValidateDigits(digits);
        if (error != ParseError.None)
        {
            return error;
        }

        if (DateOf(digits) > today)
        {
            return ParseError.Future;
        }

        result = new PersonalIdentityNumber(new string(digits));
        return ParseError.None;
    }

    /// <summary>The most recent century in which the (day − 60 adjusted) date is not after today.</summary>
    private static int InferYear(int yy, int month, int day, DateOnly today)
    {
        var year = today.Year - today.Year % 100 + yy;
        var isAfterToday = year > today.Year
            || (year == today.Year && (month > today.Month || (month == today.Month && day > today.Day)));
        return isAfterToday ? year - 100 : year;
    }

    private static ParseError ValidateStored(string value)
    {
        if (value.Length != StoredLength || value.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return ParseError.Format;
        }

        return ValidateDigits(value);
    }

    private static ParseError ValidateDigits(ReadOnlySpan<char> digits)
    {
        var year = BirthYearOf(digits);
        var month = TwoDigits(digits, 4);
        var day = RealDay(TwoDigits(digits, 6));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return ParseError.Date;
        }

        return HasValidCheckDigit(digits) ? ParseError.None : ParseError.CheckDigit;
    }

    // Luhn over YYMMDDNNN and the check digit; the century digits are not part of it.
    private static bool HasValidCheckDigit(ReadOnlySpan<char> digits) => Luhn.IsValid(digits[2..]);

    private static DateOnly DateOf(ReadOnlySpan<char> digits) =>
        new(BirthYearOf(digits), TwoDigits(digits, 4), RealDay(TwoDigits(digits, 6)));

    private static int RealDay(int storedDay) =>
        storedDay > CoordinationDayOffset ? storedDay - CoordinationDayOffset : storedDay;

    private static int StoredDay(ReadOnlySpan<char> digits) => TwoDigits(digits, 6);

    private static int BirthYearOf(ReadOnlySpan<char> digits) => TwoDigits(digits, 0) * 100 + TwoDigits(digits, 2);

    private static int TwoDigits(ReadOnlySpan<char> digits, int index) =>
        (digits[index] - '0') * 10 + (digits[index + 1] - '0');

    private static string Message(ParseError error) => error switch
    {
        ParseError.Date => "Personnumret innehåller inget giltigt datum.",
        ParseError.Future => "Personnumrets födelsedatum ligger i framtiden.",
        ParseError.CheckDigit => "Personnumrets kontrollsiffra stämmer inte.",
        ParseError.Century => "Personnumrets århundrade ska vara 18, 19 eller 20.",
        _ => "Personnumret har fel format. Ange ÅÅÅÅMMDD-NNNN, ÅÅÅÅMMDDNNNN, ÅÅMMDD-NNNN, ÅÅMMDDNNNN eller ÅÅMMDD+NNNN.",
    };

    private static InvalidOperationException Uninitialized() =>
        new("PersonalIdentityNumber is uninitialized (default value); create it with Parse, TryParse or FromStored.");
}
