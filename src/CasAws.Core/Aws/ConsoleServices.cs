using System;
using System.Collections.Generic;
using System.Linq;

namespace CasAws.Aws
{
    /// <summary>
    /// The console paths of common services, by the short names users type (-Service). Kept as data so a
    /// path AWS moves can be fixed in one line; the list is documented in Get-CasAwsConsoleUrl's help.
    /// Paths follow granted's service map (pkg/console/service_map.go); any other page is reachable with -Destination.
    /// </summary>
    internal static class ConsoleServices
    {
        /// <summary>Short name -> path under the console host, without the trailing 'home'.</summary>
        public static readonly IReadOnlyDictionary<string, string> Paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["console"] = "console",
            ["s3"] = "s3",
            ["ec2"] = "ec2/v2",
            ["iam"] = "iamv2",
            ["cloudwatch"] = "cloudwatch",
            ["cw"] = "cloudwatch",
            ["lambda"] = "lambda",
            ["l"] = "lambda",
            ["dynamodb"] = "dynamodbv2",
            ["ddb"] = "dynamodbv2",
            ["route53"] = "route53/v2",
            ["r53"] = "route53/v2",
            ["cloudtrail"] = "cloudtrail",
            ["ct"] = "cloudtrail",
            ["cloudformation"] = "cloudformation",
            ["cfn"] = "cloudformation",
            ["cloudfront"] = "cloudfront",
            ["cf"] = "cloudfront",
            ["cost"] = "cost-management",
            ["ce"] = "cost-management",
            ["billing"] = "billing",
            ["secretsmanager"] = "secretsmanager",
            ["sm"] = "secretsmanager",
            ["ssm"] = "systems-manager",
            ["sso"] = "singlesignon",
            ["organizations"] = "organizations/v2",
            ["vpc"] = "vpc",
            ["ecs"] = "ecs",
            ["ecr"] = "ecr",
            ["eks"] = "eks",
            ["rds"] = "rds",
            ["kms"] = "kms",
            ["sns"] = "sns",
            ["sqs"] = "sqs",
            ["athena"] = "athena",
            ["glue"] = "glue",
            ["sagemaker"] = "sagemaker",
            ["stepfunctions"] = "states",
            ["sfn"] = "states",
            ["apigateway"] = "apigateway",
            ["batch"] = "batch",
            ["config"] = "config",
            ["guardduty"] = "guardduty",
            ["securityhub"] = "securityhub",
            ["support"] = "support",
        };

        /// <summary>The path of a known short name, or null.</summary>
        public static string? PathOf(string service) => Paths.TryGetValue(service.Trim(), out string? path) ? path : null;

        /// <summary>Why a name is refused, with the names known (the name shown with control characters made visible).</summary>
        public static string UnknownMessage(string service) =>
            "'" + Validation.TerminalText.Visible(service) + "' is not a service CasAws knows; known: "
            + string.Join(", ", Paths.Keys.OrderBy(name => name, StringComparer.Ordinal))
            + ". For any other console page give its URL with -Destination.";
    }
}
