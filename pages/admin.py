"""Quản trị: accounts and their roles, password resets, the audit log (administrators only)."""

import streamlit as st

from auth.audit import audit_frame
from auth.model import ROLES, UNIT_OFFICER, UserError
from auth.passwords import MIN_LENGTH
from auth.session import require_admin
from auth.users import add_user, list_users, remove_user, set_password, unlock_user, users_table
from core.wording import as_typed
from database.units import load_units
from settings import settings
from ui.blocks import table_block

FLASH_KEY = "quan_tri_thong_bao"

admin = require_admin()
cfg = settings()
st.title("Quản trị")
if FLASH_KEY in st.session_state:
    st.success(st.session_state.pop(FLASH_KEY))


def done(message: str) -> None:
    """Show `message` after a rerun, so the list of users above is redrawn with the change."""
    st.session_state[FLASH_KEY] = message
    st.rerun()


st.subheader("Người dùng")
st.dataframe(users_table(cfg), hide_index=True, width="stretch", placeholder="—")
st.caption("**quản trị**: mọi quyền, quản lý người dùng · **thường trực**: xem và tải số liệu mọi đơn vị, "
           "không nạp · **đơn vị**: nạp và xem số liệu của đơn vị mình.")
others = [u.username for u in list_users(cfg) if u.username != admin.username]
unit_labels = {u.unit_id: f"{u.full_name} ({u.code}, {u.valid_from}–{u.valid_to or 'nay'})" for u in load_units()}

with st.expander("Thêm người dùng", icon=":material/person_add:"), st.form("them_nguoi_dung", clear_on_submit=True):
    username = st.text_input("Tên đăng nhập", max_chars=64, key="tnd_ten")
    full_name = st.text_input("Họ tên", max_chars=120, key="tnd_ho_ten")
    role = st.selectbox("Vai trò", ROLES, key="tnd_vai_tro")
    units = st.multiselect("Đơn vị (chỉ với vai trò đơn vị; gán cả đơn vị cũ và đơn vị mới từ 2025 nếu cần)",
                           list(unit_labels), format_func=unit_labels.get, key="tnd_don_vi")
    password = st.text_input(f"Mật khẩu (ít nhất {MIN_LENGTH} ký tự)", type="password", key="tnd_mat_khau")
    again = st.text_input("Nhập lại mật khẩu", type="password", key="tnd_nhap_lai")
    if st.form_submit_button("Thêm người dùng", type="primary"):
        try:
            if password != again:
                raise UserError("hai lần nhập mật khẩu không khớp")
            if role == UNIT_OFFICER and not units:
                raise UserError("tài khoản đơn vị cần ít nhất một đơn vị")
            user = add_user(cfg, username, password, role, units, full_name, actor=admin.username)
        except UserError as exc:
            st.error(f"Chưa thêm được: {as_typed(exc.message)}")
        else:
            done(f"Đã thêm người dùng {as_typed(user.username)} ({user.role}).")

with st.expander("Đặt lại mật khẩu", icon=":material/key:"), st.form("dat_lai_mat_khau", clear_on_submit=True):
    target = st.selectbox("Người dùng", [admin.username, *others], key="dlmk_ten")
    password = st.text_input(f"Mật khẩu mới (ít nhất {MIN_LENGTH} ký tự)", type="password", key="dlmk_mat_khau")
    again = st.text_input("Nhập lại mật khẩu mới", type="password", key="dlmk_nhap_lai")
    if st.form_submit_button("Đặt lại mật khẩu"):
        try:
            if password != again:
                raise UserError("hai lần nhập mật khẩu không khớp")
            set_password(cfg, target, password, actor=admin.username)
        except UserError as exc:
            st.error(f"Chưa đặt lại được: {as_typed(exc.message)}")
        else:
            done(f"Đã đặt lại mật khẩu cho {as_typed(target)}; các phiên đang mở của tài khoản này phải đăng nhập lại.")

with st.expander("Mở khóa đăng nhập", icon=":material/lock_open:"), st.form("mo_khoa", clear_on_submit=True):
    st.caption("Sau nhiều lần nhập sai, đăng nhập của tài khoản bị tạm khóa trên máy đã nhập sai; máy nhập sai "
               "quá nhiều lần với bất kỳ tài khoản nào cũng bị chặn tạm thời. Mở khóa xóa cả hai.")
    target = st.selectbox("Người dùng", [admin.username, *others], key="mk_ten")
    if st.form_submit_button("Mở khóa"):
        try:
            unlock_user(cfg, target, actor=admin.username)
        except UserError as exc:
            st.error(f"Chưa mở khóa được: {as_typed(exc.message)}")
        else:
            done(f"Đã mở khóa đăng nhập cho {as_typed(target)}.")

with st.expander("Xóa người dùng", icon=":material/delete:"):
    if not others:
        st.info("Không có người dùng nào khác để xóa.")
    else:
        with st.form("xoa_nguoi_dung"):
            target = st.selectbox("Người dùng", others, key="xnd_ten")
            confirmed = st.checkbox("Tôi xác nhận xóa tài khoản này", key="xnd_xac_nhan")
            if st.form_submit_button("Xóa người dùng"):
                try:
                    if not confirmed:
                        raise UserError("hãy đánh dấu ô xác nhận")
                    remove_user(cfg, target, actor=admin.username)
                except UserError as exc:
                    st.error(f"Chưa xóa được: {as_typed(exc.message)}")
                else:
                    done(f"Đã xóa người dùng {as_typed(target)}.")

st.subheader("Nhật ký truy cập")
st.caption("Đăng nhập, nạp, tải xuống và quản lý người dùng; không ghi nội dung số liệu cá nhân.")
table_block(audit_frame(cfg), "Nhật ký truy cập", None, key="nhat_ky")
