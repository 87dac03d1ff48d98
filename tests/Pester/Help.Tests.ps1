# Every exported cmdlet has real help (from docs/help through tools/Build-Help.ps1), as a user sees it.
BeforeDiscovery {
    $modulePath = Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1'
    $script:cmdletCases = @((Import-Module $modulePath -PassThru -Force).ExportedCmdlets.Keys | Sort-Object | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Import-Module (Join-Path $env:CASAWS_REPO_ROOT 'artifacts/CasAws/CasAws.psd1') -Force
    $script:common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
}

Describe 'Help of <Name>' -ForEach $cmdletCases {
    BeforeAll {
        $script:help = Get-Help $Name -Full
    }

    It 'has a synopsis and a description from the help file' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "*$Name *[<CommonParameters>]*"   # not the generated syntax
        ($help.Description.Text -join ' ').Length | Should -BeGreaterThan 40
    }

    It 'has at least two examples with code and an explanation' {
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $help.Examples.Example) {
            $example.Code | Should -Not -BeNullOrEmpty
            ($example.Remarks.Text -join '').Trim() | Should -Not -BeNullOrEmpty
        }
    }

    It 'describes every parameter' {
        foreach ($parameter in (Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin $common }) {
            $text = (Get-Help $Name -Parameter $parameter).Description.Text -join ' '
            $text | Should -Not -BeNullOrEmpty -Because "-$parameter of $Name needs a '### -$parameter' block in docs/help/$Name.md"
        }
    }
}

Describe 'about_CasAws' {
    It 'is found by Get-Help' {
        $topic = Get-Help about_CasAws
        ($topic | Out-String) | Should -BeLike '*Connect-CasAws*'
    }
}
