using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.UnitTests.Domain;

public sealed class PersonalIdentityNumberTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static readonly Lazy<string[]> TestNumbers = new(() => File.ReadAllLines(
        Path.Combine(AppContext.BaseDirectory, "Data", "testpersonnummer-1890-1999.txt")));

    [Fact]
    public void TestFile_HasAllSkatteverketNumbers()
    {
        Assert.Equal(27_420, TestNumbers.Value.Length);
    }

    [Fact]
    public void Parse_EveryTestNumberInBothLongForms_AcceptedWithDerivedGenderAndBirthDate()
    {
        var failures = new List<string>();
        foreach (var digits in TestNumbers.Value)
        {
            var expectedBirthDate = new DateOnly(int.Parse(digits[..4]), int.Parse(digits[4..6]), int.Parse(digits[6..8]));
            var expectedGender = (digits[10] - '0') % 2 == 1 ? Gender.Man : Gender.Woman;

            foreach (var input in new[] { digits, $"{digits[..8]}-{digits[8..]}" })
            {
                if (!PersonalIdentityNumber.TryParse(input, Today, out var pnr)
                    || pnr.Value != digits
                    || pnr.BirthDate != expectedBirthDate
                    || pnr.BirthYear != expectedBirthDate.Year
                    || pnr.Gender != expectedGender
                    || pnr.IsCoordinationNumber)
                {
                    failures.Add(input);
                }
            }

            if (PersonalIdentityNumber.FromStored(digits).Value != digits)
            {
                failures.Add(digits);
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Parse_EveryTestNumberWithAnyOtherCheckDigit_Rejected()
    {
        var accepted = new List<string>();
        foreach (var digits in TestNumbers.Value)
        {
            for (var wrong = '0'; wrong <= '9'; wrong++)
            {
                if (wrong == digits[11])
                {
                    continue;
                }

                var input = string.Concat(digits.AsSpan(0, 11), [wrong]);
                if (PersonalIdentityNumber.TryParse(input, Today, out _)
                    || PersonalIdentityNumber.TryParse($"{input[..8]}-{input[8..]}", Today, out _))
                {
                    accepted.Add(input);
                }
            }
        }

        Assert.Empty(accepted);
    }

    [Fact]
    public void Parse_EveryTestNumberInTenDigitFormWithPlusWhenAged100OrMore_Accepted()
    {
        // 2026-11-23: everyone in the file born before 1926-11-24 is 100 or more.
        var failures = TestNumbers.Value
            .Where(digits => !PersonalIdentityNumber.TryParse(
                $"{digits[2..8]}{(string.CompareOrdinal(digits, "19261124") < 0 ? '+' : '-')}{digits[8..]}", Today, out var pnr)
                || pnr.Value != digits)
            .ToList();

        Assert.Empty(failures);
    }

    [Theory]
    // From the file: 191202119150. "+" means 100 or more, so 1912; "-" and no separator give 2012 (not in the future).
    [InlineData("120211+9150", "191202119150")]
    [InlineData("120211-9150", "201202119150")]
    [InlineData("1202119150", "201202119150")]
    // From the file: 192612049029. 2026-12-04 is after "today", so the previous century; "+" goes one further.
    [InlineData("261204-9029", "192612049029")]
    [InlineData("2612049029", "192612049029")]
    [InlineData("261204+9029", "182612049029")]
    // From the file: 192611128311. 2026-11-12 is before "today", so 2026.
    [InlineData("261112-8311", "202611128311")]
    [InlineData("261112+8311", "192611128311")]
    // From the file: 199602292386 (leap day).
    [InlineData("960229-2386", "199602292386")]
    // Surrounding whitespace is trimmed.
    [InlineData("  19120211-9150\t", "191202119150")]
    [InlineData("\n120211+9150 ", "191202119150")]
    public void Parse_TenDigitForms_GetTheCenturyFromTheSeparatorAndToday(string input, string expected)
    {
        Assert.True(PersonalIdentityNumber.TryParse(input, Today, out var pnr));
        Assert.Equal(expected, pnr.Value);
        Assert.Equal(expected, PersonalIdentityNumber.Parse(input, Today).Value);
    }

    [Theory]
    // From the file: 190011239803 and 190011249810; "today" is 2000-11-23.
    [InlineData("001123-9803", "200011239803")] // born today: not in the future
    [InlineData("001124-9810", "190011249810")] // would be tomorrow
    [InlineData("001123+9803", "190011239803")]
    [InlineData("001124+9810", "180011249810")]
    public void Parse_CenturyBoundary_IsToday(string input, string expected)
    {
        Assert.Equal(expected, PersonalIdentityNumber.Parse(input, new DateOnly(2000, 11, 23)).Value);
    }

    [Fact]
    public void Parse_BirthDateInTheFuture_Rejected()
    {
        // From the file: 192612049029, parsed as if "today" were the day before.
        Assert.False(PersonalIdentityNumber.TryParse("192612049029", new DateOnly(1926, 12, 3), out _));
        Assert.False(PersonalIdentityNumber.TryParse("19261204-9029", new DateOnly(1926, 12, 3), out _));
        Assert.True(PersonalIdentityNumber.TryParse("192612049029", new DateOnly(1926, 12, 4), out _));

        var ex = Assert.Throws<FormatException>(() => PersonalIdentityNumber.Parse("192612049029", new DateOnly(1926, 12, 3)));
        Assert.Contains("framtiden", ex.Message, StringComparison.Ordinal);
    }

    // Samordningsnummer built from the file entry 192612049029: day 04 + 60 = 64, and the check
    // digit recomputed over 261264902 (Luhn) gives 6, i.e. 192612649026.
    private const string CoordinationNumber = "192612649026";

    [Fact]
    public void CoordinationNumberExample_FromATestNumber_IsBuiltCorrectly()
    {
        Assert.Contains("192612049029", TestNumbers.Value);
        Assert.Equal(CoordinationNumber, WithCheckDigit("19261264902"));
    }

    [Theory]
    [InlineData(CoordinationNumber)]
    [InlineData("19261264-9026")]
    [InlineData("261264-9026")] // födelsetid 2026-12-04 is after today, so 1926
    [InlineData("2612649026")]
    public void Parse_CoordinationNumber_AcceptedWithDayMinus60AsBirthDate(string input)
    {
        var pnr = PersonalIdentityNumber.Parse(input, Today);

        Assert.Equal(CoordinationNumber, pnr.Value);
        Assert.True(pnr.IsCoordinationNumber);
        Assert.Equal(new DateOnly(1926, 12, 4), pnr.BirthDate);
        Assert.Equal(1926, pnr.BirthYear);
        Assert.Equal(Gender.Woman, pnr.Gender);
        Assert.Equal("19261264-****", pnr.Masked);
    }

    [Fact]
    public void Parse_CoordinationNumberWithFutureBirthDate_Rejected()
    {
        Assert.False(PersonalIdentityNumber.TryParse(CoordinationNumber, new DateOnly(1926, 12, 3), out _));
        Assert.True(PersonalIdentityNumber.TryParse(CoordinationNumber, new DateOnly(1926, 12, 4), out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    // letters and non-ASCII digits
    [InlineData("19120211-915O")]
    [InlineData("1912O2119150")]
    [InlineData("abcdefghijkl")]
    [InlineData("١٩١٢٠٢١١٩١٥٠")]
    [InlineData("１９１２０２１１９１５０")]
    // wrong length
    [InlineData("19120211915")]
    [InlineData("1912021191500")]
    [InlineData("120211-915")]
    [InlineData("120211-91500")]
    [InlineData("9150")]
    // bad separators
    [InlineData("19120211+9150")]
    [InlineData("19120211 9150")]
    [InlineData("191202-119150")]
    [InlineData("120211 9150")]
    [InlineData("120211_9150")]
    [InlineData("120211–9150")]
    [InlineData("1912-02-11-9150")]
    [InlineData("120211--9150")]
    [InlineData("12021-19150")]
    [InlineData("191202 119150")]
    [InlineData("-1202119150")]
    public void Parse_MalformedInput_Rejected(string? input)
    {
        Assert.False(PersonalIdentityNumber.TryParse(input, Today, out var result));
        Assert.Equal(default, result);
    }

    [Theory]
    [InlineData("1912131191")] // 13th month
    [InlineData("1912001191")] // month 00
    [InlineData("1912023091")] // 30 February
    [InlineData("1900022991")] // 29 February, 1900 is not a leap year
    [InlineData("1912020091")] // day 00
    [InlineData("1912043191")] // 31 April
    [InlineData("1912023291")] // day 32
    [InlineData("1912026091")] // day 60: neither a personnummer nor a samordningsnummer
    [InlineData("1912029291")] // day 92 = 32 + 60
    [InlineData("1912028991")] // samordningsnummer for 29 February 1912 is fine...
    [InlineData("1913028991")] // ...but not for 29 February 1913
    public void Parse_InvalidCalendarDateWithACorrectCheckDigit_Rejected(string first10)
    {
        // Invalid dates are no one's personnummer; the check digit is computed so only the date is wrong.
        var digits = WithCheckDigit(first10 + "5");
        var valid = first10 == "1912028991";

        Assert.Equal(valid, PersonalIdentityNumber.TryParse(digits, Today, out _));
        Assert.Equal(valid, PersonalIdentityNumber.TryParse($"{digits[2..8]}+{digits[8..]}", Today, out _));
        if (!valid)
        {
            Assert.Throws<FormatException>(() => PersonalIdentityNumber.FromStored(digits));
        }
    }

    [Theory]
    [InlineData("005004112354")] // the issue's example: was taken as born in year 50
    [InlineData("00500411-2354")]
    [InlineData("175004112354")]
    [InlineData("17500411-2354")]
    [InlineData("215004112354")]
    [InlineData("995004112354")]
    [InlineData("99500411-2354")]
    public void Parse_TwelveDigitsWithACenturyOtherThan18Or19Or20_Rejected(string input)
    {
        // The same nine digits and check digit are a valid number with century 19 (Luhn skips the century).
        Assert.True(PersonalIdentityNumber.TryParse("19" + input[2..], Today, out _));

        Assert.False(PersonalIdentityNumber.TryParse(input, Today, out var result));
        Assert.Equal(default, result);
        var ex = Assert.Throws<FormatException>(() => PersonalIdentityNumber.Parse(input, Today));
        Assert.Equal("Personnumrets århundrade ska vara 18, 19 eller 20.", ex.Message);
    }

    [Theory]
    [InlineData("185004112354", 1850)]
    [InlineData("18500411-2354", 1850)]
    [InlineData("195004112354", 1950)]
    [InlineData("200011239803", 2000)]
    [InlineData("20001123-9803", 2000)]
    [InlineData("500411-2354", 1950)] // the 10-digit forms derive the century
    [InlineData("500411+2354", 1850)]
    [InlineData("5004112354", 1950)]
    public void Parse_Centuries18And19And20_Accepted(string input, int birthYear)
    {
        Assert.True(PersonalIdentityNumber.TryParse(input, Today, out var number));
        Assert.Equal(birthYear, number.BirthYear);
    }

    [Fact]
    public void ToStringAndInterpolation_NeverRevealTheNumber()
    {
        var pnr = PersonalIdentityNumber.Parse("19120211-9150", Today);

        Assert.Equal("19120211-****", pnr.ToString());
        Assert.Equal("19120211-****", $"{pnr}");
        Assert.Equal("19120211-****", pnr.Masked);
        Assert.DoesNotContain("9150", pnr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("9150", $"{new { Person = pnr }}", StringComparison.Ordinal);
        Assert.Equal(string.Empty, default(PersonalIdentityNumber).ToString());
    }

    [Fact]
    public void Equality_SamePersonInDifferentForms_IsEqual()
    {
        var a = PersonalIdentityNumber.Parse("191202119150", Today);
        var b = PersonalIdentityNumber.Parse("120211+9150", Today);

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, PersonalIdentityNumber.Parse("120211-9150", Today));
    }

    [Theory]
    [InlineData("191202119151")] // wrong check digit
    [InlineData("120211-9151")]
    [InlineData("19120230-9150")] // invalid date
    [InlineData("19261204-9029")] // future relative to 1926-12-03, see below
    [InlineData("1912021X9150")]
    [InlineData("19120211+9150")]
    public void FormatException_Message_IsSwedishWithoutTheInput(string input)
    {
        var ex = Assert.Throws<FormatException>(() => PersonalIdentityNumber.Parse(input, new DateOnly(1926, 12, 3)));

        Assert.Contains("Personnumr", ex.Message, StringComparison.Ordinal);
        var digitsOnly = new string(input.Where(char.IsAsciiDigit).ToArray());
        Assert.DoesNotContain(input, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(digitsOnly[^4..], ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(digitsOnly[..6], ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => PersonalIdentityNumber.Parse(null!, Today));
        Assert.Throws<ArgumentNullException>(() => PersonalIdentityNumber.FromStored(null!));
    }

    [Theory]
    [InlineData("120211+9150")]
    [InlineData("19120211-9150")]
    [InlineData("191202119151")]
    [InlineData(" 191202119150")]
    [InlineData("1912021191500")]
    public void FromStored_AnythingButTwelveValidDigits_ThrowsWithoutEchoingIt(string stored)
    {
        var ex = Assert.Throws<FormatException>(() => PersonalIdentityNumber.FromStored(stored));
        Assert.DoesNotContain("9150", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromStored_DoesNotDependOnTheClock()
    {
        // Stored numbers were validated against the clock when registered.
        Assert.Equal(CoordinationNumber, PersonalIdentityNumber.FromStored(CoordinationNumber).Value);
    }

    [Fact]
    public void DefaultValue_Read_ThrowsInsteadOfPretendingToBeANumber()
    {
        Assert.Throws<InvalidOperationException>(() => default(PersonalIdentityNumber).Value);
        Assert.Throws<InvalidOperationException>(() => default(PersonalIdentityNumber).BirthDate);
    }

    /// <summary>Appends the Luhn check digit over YYMMDDNNN to 11 digits YYYYMMDDNNN.</summary>
    private static string WithCheckDigit(string first11)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            var product = (first11[i + 2] - '0') * (i % 2 == 0 ? 2 : 1);
            sum += product / 10 + product % 10;
        }

        return first11 + (char)('0' + (10 - sum % 10) % 10);
    }
}
