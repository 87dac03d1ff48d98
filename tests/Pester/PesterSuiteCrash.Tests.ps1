# The test command's own check that a Pester process dying mid-run fails the run: tests/Pester/TestRunner.Tests.ps1
# runs the test command with CASAWS_TEST_KILL_PESTER=1 and a filter selecting this file, which then kills
# the Pester process it runs in. In every other run it is skipped.
Describe 'A Pester process that dies' {
    It 'kills its own Pester process when the runner test asks' -Skip:($env:CASAWS_TEST_KILL_PESTER -ne '1') {
        Stop-Process -Id $PID -Force
    }
}
