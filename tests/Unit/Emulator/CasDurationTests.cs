using CasAws.Emulator.Cas;

namespace CasAws.Tests.Emulator;

/// <summary>CAS's Beans.newDuration: seconds or java.time.Duration text; null where Java throws.</summary>
public sealed class CasDurationTests
{
    [Theory]
    [InlineData("3600", 3600L)]
    [InlineData("-5", -5L)]
    [InlineData("PT1H", 3600L)]
    [InlineData("PT15S", 15L)]
    [InlineData("pt1h30m", 5400L)]
    [InlineData("P1D", 86400L)]
    [InlineData("P1DT1S", 86401L)]
    [InlineData("PT900.9S", 900L)]
    [InlineData("PT-1.5S", -2L)]
    [InlineData("-PT1H", -3600L)]
    public void Parses_what_java_parses(string text, long seconds) => Assert.Equal(seconds, CasDuration.ToSeconds(text));

    [Theory]
    [InlineData("1.5")]
    [InlineData("0x10")]
    [InlineData("1h")]
    [InlineData("PT")]
    [InlineData("P")]
    [InlineData("P1W")]
    [InlineData("PT1H ")]
    [InlineData("99999999999999999999")]
    public void Refuses_what_java_refuses(string text) => Assert.Null(CasDuration.ToSeconds(text));
}
