using CasAws.Cas;
using CasAws.Commands;

namespace CasAws.Tests.Cmdlets;

public class DurationTransformationTests
{
    private static object? Transform(object input) => new DurationTransformationAttribute().Transform(null!, input);

    [Theory]
    [InlineData("36:00:00", 36 * 3600)]     // TimeSpan.Parse would read 36 days
    [InlineData("24:00", 24 * 3600)]
    [InlineData("12:30:15", 12 * 3600 + 30 * 60 + 15)]
    [InlineData("01:00:00", 3600)]
    [InlineData("3600", 3600)]
    [InlineData("PT1H30M", 5400)]
    public void Hours_past_23_are_hours(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Transform(text));
    }

    [Fact]
    public void Other_text_is_left_to_PowerShell_which_reads_days_explicitly()
    {
        Assert.Equal("1.12:00:00", Transform("1.12:00:00"));
    }

    [Theory]
    [InlineData(129600, "36 h (129600 s)")]
    [InlineData(5400, "1 h 30 min (5400 s)")]
    [InlineData(905, "15 min 5 s (905 s)")]
    [InlineData(0, "0 s (0 s)")]
    public void Verbose_says_how_a_duration_was_understood(int seconds, string expected)
    {
        Assert.Equal(expected, StsDurationRules.Explain(TimeSpan.FromSeconds(seconds)));
    }
}
