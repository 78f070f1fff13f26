namespace OkrRollout.Web.Localization;

/// <summary>Marker for the one resource file pair (English and Finnish) that holds every user-visible string.</summary>
public sealed class SharedResource
{
}
