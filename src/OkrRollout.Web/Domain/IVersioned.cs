namespace OkrRollout.Web.Domain;

/// <summary>An entity edited in forms: its Version is a concurrency token, so a second editor is told rather than overwriting.</summary>
public interface IVersioned
{
    int Version { get; set; }
}
