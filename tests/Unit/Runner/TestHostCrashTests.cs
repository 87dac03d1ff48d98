using System.Diagnostics;

namespace CasAws.Tests.Runner;

/// <summary>
/// The test command's own check that a test host dying mid-run fails the run: tests/Pester/TestRunner.Tests.ps1
/// runs the test command with <see cref="Variable"/> set, and this test then kills the process it runs in.
/// </summary>
public sealed class TestHostCrashTests
{
    public const string Variable = "CASAWS_TEST_KILL_HOST";

    [SkippableFact]
    public void Kills_its_own_test_host_when_the_runner_test_asks()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable(Variable) == "1",
            $"kills the test host: runs only inside tests/Pester/TestRunner.Tests.ps1, which sets {Variable}=1");
        Process.GetCurrentProcess().Kill();
    }
}
