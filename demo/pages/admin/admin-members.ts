// Members and roles of the department: one row per member with their role in a list and a button
// that changes it (a change on choosing alone would act while a keyboard user browses the list).
// Row-level security lets an admin change the role only; the database keeps the last admin.
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { AdminSection } from './admin-section.js';
import { MEMBER_ROLES, listMembers, setMemberRole, type Member, type MemberRole } from '../../admin-data.js';
import { t, termOf } from '../../portal-text.js';

@customElement('portal-admin-members')
export class PortalAdminMembers extends AdminSection {
  @state() private status = '';
  @state() private error = '';
  @state() private busy = false;

  #members = new Task(this, {
    task: async ([client, organizationId]) => (client && organizationId ? listMembers(client, organizationId) : []),
    args: () => [this.session?.client, this.organizationId] as const,
  });

  async #change(member: Member, row: HTMLElement): Promise<void> {
    const client = this.session?.client;
    const role = row.querySelector('select')?.value as MemberRole | undefined;
    if (!client || !role || this.busy) return;
    this.busy = true;
    this.status = '';
    this.error = '';
    try {
      await setMemberRole(client, member.id, role);
      this.status = t(this.uiLang, 'memberSaved', { name: member.name, role: termOf(this.uiLang, 'role', role) });
      await this.#members.run();
      this.announceChange();
    } catch (error) {
      this.error = t(this.uiLang, 'adminSaveError', { message: this.messageOf(error) });
    } finally {
      this.busy = false;
    }
  }

  #table(members: readonly Member[]) {
    const lang = this.uiLang;
    return html`<table class="documents admin-table">
      <caption>${t(lang, 'membersCaption', { count: members.length })}</caption>
      <thead>
        <tr>
          <th scope="col">${t(lang, 'memberName')}</th>
          <th scope="col">${t(lang, 'memberRole')}</th>
          <th scope="col">${t(lang, 'memberAction')}</th>
        </tr>
      </thead>
      <tbody>
        ${members.map((member) => {
          const id = `role-${member.id}`;
          return html`<tr data-user=${member.userId}>
            <th scope="row" data-label=${t(lang, 'memberName')}>${member.name}</th>
            <td data-label=${t(lang, 'memberRole')}>
              <label class="visually-hidden" for=${id}>${t(lang, 'memberRoleOf', { name: member.name })}</label>
              <select id=${id} .value=${member.role}>
                ${MEMBER_ROLES.map((role) => html`<option value=${role} ?selected=${role === member.role}>${termOf(lang, 'role', role)}</option>`)}
              </select>
            </td>
            <td data-label=${t(lang, 'memberAction')}>
              <button
                type="button"
                class="member-save"
                aria-label=${t(lang, 'memberSaveOf', { name: member.name })}
                ?disabled=${this.busy}
                @click=${(e: Event) => void this.#change(member, (e.currentTarget as HTMLElement).closest('tr')!)}
              >
                ${t(lang, 'memberSave')}
              </button>
            </td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  protected override render() {
    const lang = this.uiLang;
    return html`<h2 id="admin-members">${t(lang, 'membersHeading')}</h2>
      <div role="status">${this.status ? html`<p class="notice">${this.status}</p>` : nothing}</div>
      <div role="alert">${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}</div>
      ${this.renderLoaded(this.#members, (members) => this.#table(members))}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-members': PortalAdminMembers;
  }
}
