using System.Management.Automation;
using System.Security;

namespace CasAws.Commands
{
    /// <summary>
    /// Lets a SecureString parameter (-Passcode, -Token, -TokenCode) also take plain text or digits, as typed at a prompt or
    /// read from a runbook's vault; the text is copied into a SecureString at once.
    /// </summary>
    internal sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            string? text = value as string;
            if (text == null && IsNumber(value))
            {
                // A code typed without quotes (-Passcode 012345) arrives as a number; PowerShell's text of
                // the argument keeps its leading zeros, which the number itself has lost.
                text = inputData is PSObject typed ? typed.ToString() : System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (text != null)
            {
                var secure = new SecureString();
                foreach (char c in text) secure.AppendChar(c);
                secure.MakeReadOnly();
                return secure;
            }

            return value;
        }

        private static bool IsNumber(object? value) =>
            value is int || value is long || value is decimal || value is double || value is System.Numerics.BigInteger;
    }
}
