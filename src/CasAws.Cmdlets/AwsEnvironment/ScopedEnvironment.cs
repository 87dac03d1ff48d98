using System;
using System.Collections.Generic;

namespace CasAws.AwsEnvironment
{
    /// <summary>
    /// Sets process environment variables and, on Dispose, puts every one of them back exactly as it was
    /// (unset variables unset again). Used in a finally block, so an error or Ctrl+C restores them too.
    /// </summary>
    internal sealed class ScopedEnvironment : IDisposable
    {
        private readonly List<KeyValuePair<string, string?>> _previous = new List<KeyValuePair<string, string?>>();

        public ScopedEnvironment(IEnumerable<KeyValuePair<string, string?>> variables)
        {
            foreach (KeyValuePair<string, string?> variable in variables)
            {
                _previous.Add(new KeyValuePair<string, string?>(variable.Key, System.Environment.GetEnvironmentVariable(variable.Key)));
                System.Environment.SetEnvironmentVariable(variable.Key, variable.Value);
            }
        }

        public void Dispose()
        {
            for (int i = _previous.Count - 1; i >= 0; i--)
            {
                System.Environment.SetEnvironmentVariable(_previous[i].Key, _previous[i].Value);
            }

            _previous.Clear();
        }
    }
}
