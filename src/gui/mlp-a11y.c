/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mlp-a11y"

#include "config.h"

#include <glib/gi18n.h>

#include "mlp-a11y.h"

/**
 * mlp_a11y_fix_button_names:
 * @root: a widget whose buttons (ours or a library's) to fix
 *
 * Works around two GTK 4.8 accessibility faults in buttons we do not
 * build ourselves (libadwaita's dialog responses, its search button):
 * a button given a mnemonic label announces the raw label *and* the
 * label's text ("_Restore Restore"), and an icon-only button has no name
 * at all. The first loses its raw label property, so the visible label
 * names it; the second is named after its tooltip, or "Close" for a close
 * button. Use it on a library's widgets only: it would replace the names
 * our own icon buttons set.
 */
void
mlp_a11y_fix_button_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && !GTK_IS_LINK_BUTTON (root))
    {
      GtkButton *button = GTK_BUTTON (root);
      const char *tooltip = gtk_widget_get_tooltip_text (root);

      if (gtk_button_get_label (button) != NULL && gtk_button_get_use_underline (button))
        gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
      else if (gtk_button_get_label (button) == NULL && gtk_button_get_icon_name (button) != NULL)
        {
          if (tooltip == NULL && g_str_equal (gtk_button_get_icon_name (button), "window-close-symbolic"))
            tooltip = _("Close");
          if (tooltip != NULL)
            gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    mlp_a11y_fix_button_names (child);
}
