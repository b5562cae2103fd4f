using Berth.Contracts;
using Berth.Discovery.Config;

namespace Berth.ControlPlane.Apis.Views;

/// <summary>Maps an app's config entries onto their views.</summary>
internal static class ConfigViewMapping
{
    extension(ConfigEntryView)
    {
        public static ConfigEntryView From(ConfigEntry e) => new(e.Key, e.Value, e.Secret, e.Revision);
    }

    extension(ConfigListView)
    {
        public static ConfigListView From(ConfigSnapshot s) => new(s.Index, [.. s.Entries.Select(ConfigEntryView.From)]);
    }
}
